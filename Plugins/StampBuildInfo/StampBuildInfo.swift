import Foundation
import PackagePlugin

/// Writes the commit the package is built from into `BuildInfo`, so `--version` can name it.
///
/// A build command whose inputs are git's HEAD, its log and the index (a commit, an amend, a
/// checkout or an `add` changes them) and the package's own files (an edit makes the tree differ from the commit), so
/// the stamp is rewritten exactly when one of those changed. (A prebuild command is not rerun on
/// every incremental build, so it could name an older commit.) `/bin/sh` runs the script.
@main
struct StampBuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "stamp/BuildCommit.swift")
        let script = root.appending(path: "scripts/stamp-commit")
        var inputs = [script]
        let git = root.appending(path: ".git")
        // HEAD's log moves with every commit, amend, checkout and reset; the index with every add.
        for name in ["HEAD", "index", "logs/HEAD", "packed-refs"] where FileManager.default.fileExists(atPath: git.appending(path: name).path) {
            inputs.append(git.appending(path: name))
        }
        inputs.append(root.appending(path: "Package.swift"))
        for folder in ["Sources", "Plugins", "Checklists", "scripts"] {
            let base = root.appending(path: folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Stamping the build with its commit",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, root.path, output.deletingLastPathComponent().path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
