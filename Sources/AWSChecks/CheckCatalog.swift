import ChecklistModel

/// The automated checks `verify` knows, by the name a checklist item gives in its `check` field.
public enum CheckCatalog {
    public static let names: Set<String> = [
        "root-mfa", "no-root-access-keys", "identity-center-admin",
        "kms-recovery-phone", "security-contact", "organizations-root-access",
    ]
}
