/// Global options given before the subcommand (`root-checklist --state-dir X list`, as git and the
/// AWS CLI take them) are moved after it, where every command declares them.
enum GlobalArguments {
    static let names: Set<String> = ["--state-dir", "--operator"]

    static func hoisted(_ arguments: [String], subcommands: Set<String>) -> [String] {
        var globals: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard names.contains(name) else { break }
            if argument.contains("=") {
                globals.append(argument)
                index += 1
            } else {
                guard index + 1 < arguments.count else { return arguments }
                globals += [argument, arguments[index + 1]]
                index += 2
            }
        }
        guard !globals.isEmpty, index < arguments.count, subcommands.contains(arguments[index]) else { return arguments }
        var rest = Array(arguments[index...])
        // After `--` everything is an argument: the options go before it.
        let end = rest.firstIndex(of: "--") ?? rest.count
        rest.insert(contentsOf: globals, at: end)
        return rest
    }
}
