import Foundation
import PackagePlugin

/// Writes the commit the package is built from into `BuildInfo`, so `--version` can name it.
///
/// A prebuild command runs on every build (git's HEAD is not a file SwiftPM can track as an
/// input); the script rewrites the file only when its text changes, so an unchanged commit
/// compiles nothing. `/bin/sh` because prebuild commands cannot run executables built here.
@main
struct StampBuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "stamp")
        let script = context.package.directoryURL.appending(path: "scripts/stamp-commit")
        return [
            .prebuildCommand(
                displayName: "Stamping the build with its commit",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, context.package.directoryURL.path, output.path],
                outputFilesDirectory: output
            )
        ]
    }
}
