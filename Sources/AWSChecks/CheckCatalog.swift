import ChecklistModel

/// The automated checks `verify` knows, by the name a checklist item gives in its `check` field.
public enum CheckCatalog {
    public static var names: Set<String> { Set(Checks.all.keys) }
}
