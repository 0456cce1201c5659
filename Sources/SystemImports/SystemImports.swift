// The one import preamble of every module here: `import SystemImports` gives Foundation's
// essentials (FoundationEssentials where it exists, which keeps full Foundation and its ICU data
// out of the binary; Foundation elsewhere) and the C library.
#if canImport(FoundationEssentials)
@_exported import FoundationEssentials
#else
@_exported import Foundation
#endif
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#endif
