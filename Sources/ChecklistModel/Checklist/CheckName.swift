/// The automated checks `verify` knows: a checklist item names one in its `check` field. One list,
/// so an item naming a check nobody wrote fails when the checklist is read (and the bundled
/// checklist fails the build), and every check is matched by an implementation the compiler counts.
public enum CheckName: String, CaseIterable, Sendable, Hashable, Comparable, CustomStringConvertible {
    case rootMFA = "root-mfa"
    case removeRootCredentials = "remove-root-credentials"
    case noRootAccessKeys = "no-root-access-keys"
    case signOutRoot = "sign-out-root"
    case monitorRootUsage = "monitor-root-usage"
    case identityCenterAdmin = "identity-center-admin"
    case kmsRecoveryPhone = "kms-recovery-phone"
    case securityContact = "security-contact"
    case groupRootEmail = "group-root-email"
    case organizationsRootAccess = "organizations-root-access"

    /// As a checklist and `verify` spell it.
    public var description: String { rawValue }

    public static func < (lhs: CheckName, rhs: CheckName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Every name, for an error that says which ones exist.
    public static var known: String { allCases.map(\.rawValue).sorted().joined(separator: ", ") }
}
