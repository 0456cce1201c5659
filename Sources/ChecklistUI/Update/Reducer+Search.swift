import ChecklistModel
import ChecklistText
import SystemImports

/// `/`: type to jump to the first match (from where the search started, wrapping round), Enter
/// keeps the place, Esc goes back. Accounts match by id, alias, root email or kind; items by
/// number, id or title; a step by any line of its text.
extension Reducer {
    static func startSearch(_ state: inout AppState) {
        state.search = Search(origin: state.screen)
        state.flash = nil
    }

    static func handleSearch(_ key: Key, _ search: Search, _ state: inout AppState) {
        var search = search
        switch key {
        case .escape:
            if case .accountList = search.origin { state.accountText = "" }
            state.screen = search.origin
            state.search = nil
            clampScroll(&state)
            return
        case .enter:
            state.search = nil
            if !search.found { state.flash = Flash("No match for \"\(search.input.text)\"; stayed where the search started.") }
            return
        default:
            guard search.input.handle(key) else { return }
        }
        state.search = search
        applySearch(&state)
    }

    static func searchPaste(_ text: String, _ state: inout AppState) {
        guard var search = state.search else { return }
        search.input.insert(text, keepNewlines: false)
        state.search = search
        applySearch(&state)
    }

    /// Moves to the first match at or after the origin's place; with no match, stays at the origin.
    static func applySearch(_ state: inout AppState) {
        guard var search = state.search else { return }
        let needle = search.input.text.trimmingSpaces()
        state.screen = search.origin
        defer {
            state.search = search
            clampScroll(&state)
        }
        guard !needle.isEmpty else {
            search.found = true
            if case .accountList = search.origin { state.accountText = "" }
            return
        }
        func matches(_ haystack: String...) -> Bool {
            haystack.contains { $0.containsIgnoringCase(needle) }
        }
        switch search.origin {
        case .accountList:
            // The list narrows to the accounts that match (id as the console writes it, alias, email, kind).
            state.accountText = needle
            search.found = !state.listedAccounts.isEmpty
            if !search.found { state.accountText = "" }
            state.screen = .accountList(selected: 0)
        case .overview(let selected, let scroll):
            guard let items = state.session?.checklist.items else { return }
            let hit = firstIndex(count: items.count, from: selected) { index in
                matches(String(index + 1), items[index].id, items[index].title)
            }
            search.found = hit != nil
            if let hit { state.screen = .overview(selected: hit, scroll: scroll) }
        case .step(let itemID, let scroll):
            let lines = Layout.bodyLines(for: search.origin, in: state).map(\.plainText)
            let hit = firstIndex(count: lines.count, from: scroll) { matches(lines[$0]) }
            search.found = hit != nil
            if let hit { state.screen = .step(itemID: itemID, scroll: hit) }
        default:
            search.found = false
        }
    }

    /// The first index from `start` (wrapping round) that satisfies `test`.
    static func firstIndex(count: Int, from start: Int, _ test: (Int) -> Bool) -> Int? {
        guard count > 0 else { return nil }
        for offset in 0..<count {
            let index = (max(0, start) + offset) % count
            if test(index) { return index }
        }
        return nil
    }
}
