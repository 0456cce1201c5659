import ArgumentParser
import AWSChecks

/// How member accounts are reached from the management account's credentials: `verify` and `walk`.
struct MemberAccessOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Reach member accounts through this role with sts assume-role (e.g. OrganizationAccountAccessRole).",
                               valueName: "role"))
    var roleName: String?

    @Flag(help: "Reach each member's root user with sts assume-root and the IAMAuditRootUserCredentials task policy (centralized root access).")
    var assumeRoot = false

    var access: MemberAccess { roleName.map(MemberAccess.role) ?? (assumeRoot ? .assumeRoot : .ambient) }
    var given: Bool { roleName != nil || assumeRoot }

    func validate() throws {
        if roleName != nil && assumeRoot { throw ValidationError("Give --role-name or --assume-root, not both.") }
        if let roleName, roleName.isEmpty || roleName.count > 64 || roleName.contains(where: { !($0.isLetter || $0.isNumber || "+=,.@_-/".contains($0)) }) {
            throw ValidationError("--role-name takes an IAM role name (letters, digits and +=,.@_-).")
        }
    }
}
