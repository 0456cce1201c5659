import ChecklistModel
import ChecklistText

extension StepContent {
    /// An item changed by both sides of a sync, on its step: what it means and the way out, then
    /// the versions beside each other when two fit side by side, else one under the other.
    static func changedByBothLines(_ record: ItemRecord, width: Int, style: StatusStyle, operatorName: String?) -> [StyledLine] {
        guard let versions = record.changedByBoth else { return [] }
        var out = StyledLine.wrapped("\(style.contradictionMark) Changed by both \(ChangedByBothText.authors(versions)): the sync kept the "
                                     + "later change and both are shown below. Not settled until someone resolves it: M takes a "
                                     + "version or keeps the current values.", width: width, style: .bad)
        let blocks = versions.map { version in
            (heading: ChangedByBothText.heading(version, operator: operatorName), parts: HistoryText.versionParts(version.values))
        }
        let column = (width - 3) / 2
        if blocks.count == 2 && column >= 30 {
            func cells(_ block: (heading: String, parts: [String])) -> [StyledLine] {
                [StyledLine(DisplayWidth.truncate(block.heading, columns: column, ellipsis: style.ascii ? "..." : "…"), .bold)]
                    + block.parts.flatMap { StyledLine.wrapped($0, width: column, indent: "  ") }
            }
            let (left, right) = (cells(blocks[0]), cells(blocks[1]))
            let rule = style.ascii ? " | " : " │ "
            for row in 0..<max(left.count, right.count) {
                let first = row < left.count ? left[row] : StyledLine()
                let pad = String(repeating: " ", count: max(0, column - DisplayWidth.of(first.plainText)))
                out.append(first + StyledLine(pad) + StyledLine(rule, .muted) + (row < right.count ? right[row] : StyledLine()))
            }
        } else {
            for block in blocks {
                out += StyledLine.wrapped(block.heading, width: width, style: .bold)
                for part in block.parts { out += StyledLine.wrapped(part, width: width, first: "  ", indent: "    ") }
            }
        }
        out.append(StyledLine())
        return out
    }
}
