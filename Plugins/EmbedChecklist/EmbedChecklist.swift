import Foundation
import PackagePlugin

/// Compiles every checklist definition in `Checklists/` into the target that applies it,
/// so the binary works from any directory while the repo keeps a single copy of each file.
@main
struct EmbedChecklist: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Checklists")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }
            .sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedChecklists.swift")
        return [
            .buildCommand(
                displayName: "Embedding checklists \(names.joined(separator: ", "))",
                executable: try context.tool(named: "checklist-embedder").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
