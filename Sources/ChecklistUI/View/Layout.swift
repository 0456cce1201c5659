import ChecklistModel
import ChecklistText

/// The scrollable content of each screen, shared by the view (to draw) and the reducer (to clamp scrolling).
public enum Layout {
    public static func bodyLines(for screen: Screen, in state: AppState) -> [StyledLine] {
        // A comfortable line on very wide terminals: text past ~100 columns is hard to follow.
        // Beside the overview (two panes) the step is laid out for its pane.
        let width = max(20, min(PaneLayout.stepWidth(state) - 2, 100))
        let style = StatusStyle(ascii: state.options.ascii)
        switch screen {
        case .step(let itemID, _):
            guard let session = state.session, let item = session.checklist.item(itemID) else { return [] }
            let entry = session.progress.entry(itemID)
            return StepContent.lines(item: item, record: session.state.record(itemID), entry: entry,
                                     notApplicable: entry?.notApplicableReason, width: width, style: style,
                                     accountID: session.state.account.id, region: state.region,
                                     followUp: entry.flatMap(FollowUpText.describe), overdue: entry?.overdue ?? false,
                                     checkProblem: session.checkProblems[itemID]?.text, operatorName: state.operatorName,
                                     fixable: state.fixable[itemID] != nil && state.checksAvailable)
        case .help:
            // A description too long for the line goes on under itself, never cut at the edge.
            return KeyMap.helpLines(ascii: state.options.ascii).flatMap { line -> [StyledLine] in
                guard line.hasPrefix(" "), DisplayWidth.of(line) > width else { return [StyledLine(line, line.hasPrefix(" ") ? .plain : .bold)] }
                let keys = String(line.prefix(24))
                return StyledLine.wrapped(String(line.dropFirst(24)), width: width, first: keys, indent: String(repeating: " ", count: 24))
            }
        case .tasks:
            guard let checklist = state.session?.checklist ?? state.checklists.first else { return [] }
            return RootTasksText.lines(checklist, width: width).map { StyledLine($0, $0.hasPrefix(" ") || $0.isEmpty ? .plain : .bold) }
        case .summary:
            guard let session = state.session else { return [] }
            return summaryLines(session, width: width, style: style)
        case .completion:
            guard let session = state.session else { return [] }
            return completionLines(session.progress, width: width, style: style) + [StyledLine()]
                + summaryLines(session, width: width, style: style)
        case .fixPlan:
            return fixPlanLines(state, width: width)
        default:
            return []
        }
    }

    /// What the completion screen says first: complete or not, and every item left skipped, by name,
    /// with its reason, so nobody mistakes "nothing pending" for "nothing skipped".
    static func completionLines(_ progress: AccountProgress, width: Int, style: StatusStyle) -> [StyledLine] {
        let skipped = progress.entries.filter { $0.status == .skipped }
        let requiredSkipped = skipped.filter(\.item.required)
        var out: [StyledLine]
        if progress.isComplete {
            out = StyledLine.wrapped("Complete: every required item is resolved and nothing is pending. The summary below is "
                                     + "what a reviewer sees; q quits and prints it, Esc goes back to the checklist.",
                                     width: width, style: .good)
        } else {
            let contradicted = progress.contradictions
            var why: [String] = []
            if !requiredSkipped.isEmpty {
                why.append("\(requiredSkipped.count) required item\(requiredSkipped.count == 1 ? " is" : "s are") skipped")
            }
            if !contradicted.isEmpty {
                why.append("\(contradicted.count) done item\(contradicted.count == 1 ? " is" : "s are") \(CheckStandingText.contradictedLabel) "
                           + "by AWS (\(contradicted.map(\.item.id).joined(separator: ", ")): fix it in AWS and press v, or O overrides)")
            }
            let marked = progress.changedByBoth
            if !marked.isEmpty {
                why.append("\(marked.count) item\(marked.count == 1 ? " is" : "s are") \(ChangedByBothText.label) "
                           + "(\(marked.map(\.item.id).joined(separator: ", ")): M on the step takes a version or keeps the current values)")
            }
            out = StyledLine.wrapped("Not complete: nothing is pending, but " + why.joined(separator: ", and ")
                                     + ". Open \(requiredSkipped.count + contradicted.count + marked.count == 1 ? "it" : "them") from the checklist (Esc).",
                                     width: width, style: .bad)
        }
        if !skipped.isEmpty {
            out.append(StyledLine())
            out.append(StyledLine("Skipped", .warn))
            for entry in skipped {
                let kind = entry.item.required ? "required" : "recommended"
                let reason = entry.record.reason.map { ": \($0)" } ?? ""
                out += StyledLine.wrapped("\(entry.item.title) (\(kind))\(reason)", width: width,
                                          first: "  \(style.glyph(.skipped)) ", indent: "    ")
            }
        }
        return out
    }

    /// The line of the help screen where `screen`'s keys start, as laid out for this terminal.
    public static func helpStart(for screen: ScreenKind, in state: AppState) -> Int {
        bodyLines(for: .help(scroll: 0), in: state).firstIndex { $0.plainText == screen.rawValue } ?? 0
    }

    static func summaryLines(_ session: Session, width: Int, style: StatusStyle) -> [StyledLine] {
        SummaryText.accountLines(session.progress, width: width, style: style).map { line in
            switch line.role {
            case .plain: StyledLine(line.text)
            case .verdict: StyledLine(line.text, .bold)
            case .alarm: StyledLine(line.text, .bad)
            }
        }
    }
}

/// The step screen's text for one item.
enum StepContent {
    /// What a placeholder left in a command stands for, and how to have it filled in.
    static let placeholderHelp = [
        "HOME_REGION": "the IAM Identity Center home Region; start the walkthrough with --region to fill it in",
        "ACCOUNT_ID": "the 12-digit account id",
    ]

    static func lines(item: ChecklistItem, record: ItemRecord, entry: AccountProgress.Entry? = nil, notApplicable: String? = nil, width: Int, style: StatusStyle,
                      accountID: String? = nil, region: String? = nil, followUp: String? = nil, overdue: Bool = false,
                      checkProblem: String? = nil, operatorName: String? = nil, fixable: Bool = false) -> [StyledLine] {
        var out: [StyledLine] = []
        if let notApplicable {
            out.append(StyledLine("Status: ", .bold) + StyledLine("\(style.glyph(.notApplicable)) \(style.label(.notApplicable))", View.style(for: .notApplicable)))
            out += StyledLine.wrapped("Does not apply: \(notApplicable). It counts as resolved; press a to change the account's kind.",
                                      width: width, style: .muted)
            out.append(StyledLine())
            out.append(StyledLine("Why it matters", .accent))
            out += StyledLine.wrapped(item.why, width: width)
            return out
        }
        let contradicted = entry?.contradicted == true
        let statusStyle: CellStyle = contradicted ? .bad : View.style(for: record.status)
        let shown = entry.map { "\(style.glyph($0)) \(style.label($0))" } ?? "\(style.glyph(record.status)) \(style.label(record.status))"
        var status = StyledLine("Status: ", .bold) + StyledLine(shown, statusStyle)
        status = status + StyledLine(item.required ? "   required" : "   recommended", item.required ? .warn : .muted)
        if let by = record.by, let at = record.at, record.status != .pending {
            status = status + StyledLine("   by \(PlainText.sanitizeLine(by)), \(StatusStyle.date(at))", .muted)
        }
        out.append(status)
        out += changedByBothLines(record, width: width, style: style, operatorName: operatorName)
        if contradicted {
            out += StyledLine.wrapped("\(style.contradictionMark) \(CheckStandingText.contradictedDetail) (v checks again, O overrides, "
                                      + "r reopens the item).", width: width, style: .bad)
        } else if let override = entry?.overridden {
            out += StyledLine.wrapped(CheckStandingText.overridden(override), width: width, style: .warn)
        }
        if let reason = record.reason { out += StyledLine.wrapped(reason, width: width, first: "Reason: ", indent: "        ") }
        if let followUp {
            out += StyledLine.wrapped(followUp, width: width, style: overdue ? .warn : .plain, first: "Follow up: ", indent: "           ")
        }
        out.append(StyledLine())
        out.append(StyledLine("Why it matters", .accent))
        out += StyledLine.wrapped(item.why, width: width)
        out.append(StyledLine())
        out.append(StyledLine("Steps", .accent))
        for (index, step) in item.steps.enumerated() {
            let number = "\(index + 1). "
            out += StyledLine.wrapped(step, width: width, first: number.count < 4 ? " " + number : number, indent: "    ")
        }
        if let verify = item.verify {
            out.append(StyledLine())
            if let command = StepCommand.parse(verify.command, accountID: accountID, region: region) {
                out.append(StyledLine("How to verify", .accent) + StyledLine("  (c copies the command)", .muted))
                for line in command.lines(width: width - 2, ascii: style.ascii) { out.append(StyledLine("  " + line, .bold)) }
                if let note = command.note { out += StyledLine.wrapped("(\(note))", width: width, style: .muted, first: "    ", indent: "    ") }
                for name in command.unfilled {
                    out += StyledLine.wrapped("\(name): \(Self.placeholderHelp[name] ?? "fill in before running")", width: width,
                                              style: .warn, first: "    ", indent: "      ")
                }
            } else {
                // Console or manual instructions: no prompt, nothing to copy.
                out.append(StyledLine("How to verify", .accent))
                out += StyledLine.wrapped(verify.command, width: width, first: "  ", indent: "  ")
            }
            out += StyledLine.wrapped(verify.expect, width: width, first: "  expect: ", indent: "          ")
        }
        // Offered only where a fix exists: the key is in help for every step, the hint only here.
        if fixable {
            out.append(StyledLine())
            out.append(StyledLine("Fix from here", .accent) + StyledLine("  (F)", .muted))
            out += StyledLine.wrapped("F plans the change through AWS's API and shows it; nothing changes until you type the account id.",
                                      width: width, first: "  ", indent: "  ")
        }
        if !item.evidence.isEmpty {
            out.append(StyledLine())
            out.append(StyledLine("Evidence", .accent) + StyledLine("  (e to edit)", .muted))
            for field in item.evidence {
                let label = "  \(field.label)\(field.required ? " *" : ""): "
                if let value = record.evidence[field.key] {
                    out += StyledLine.wrapped(value, width: width, first: label, indent: "    ")
                } else {
                    out.append(StyledLine(label) + StyledLine("not recorded", field.required ? .warn : .muted))
                }
            }
        }
        out.append(StyledLine())
        if let note = record.note {
            out.append(StyledLine("Note", .accent) + StyledLine("  (o to edit)", .muted))
            for line in PlainText.sanitizeLines(note) { out += StyledLine.wrapped(line, width: width, first: "  ", indent: "  ") }
        } else {
            out.append(StyledLine("Note: ", .accent) + StyledLine("none (o to add)", .muted))
        }
        if item.check != nil {
            if let check = record.check {
                let tint: CellStyle = check.outcome == .pass ? .good : check.outcome == .fail ? .bad : .warn
                out += [StyledLine("Last AWS check: ", .accent) + StyledLine(check.outcome.rawValue, tint)
                        + StyledLine("  \(check.source.rawValue), \(StatusStyle.date(check.at))", .muted)]
                out += StyledLine.wrapped(check.reason, width: width, first: "  ", indent: "  ")
            } else {
                out.append(StyledLine("Last AWS check: ", .accent) + StyledLine("never run (v to run it)", .muted))
            }
        } else {
            out.append(StyledLine("AWS check: ", .accent) + StyledLine("none; this item is attested by a person", .muted))
        }
        if let checkProblem {
            out += StyledLine.wrapped(checkProblem, width: width, style: .bad, first: "Last attempt, not recorded: ", indent: "  ")
        }
        if !item.traps.isEmpty {
            out.append(StyledLine())
            out.append(StyledLine("Watch out", .warn))
            for trap in item.traps { out += StyledLine.wrapped(trap, width: width, first: "  ! ", indent: "    ") }
        }
        if !item.controls.isEmpty {
            out.append(StyledLine())
            out += StyledLine.wrapped(item.controls.joined(separator: ", "), width: width, first: "Controls: ", indent: "          ")
        }
        if !item.references.isEmpty {
            out.append(StyledLine())
            out.append(StyledLine("References", .accent))
            for reference in item.references {
                out += StyledLine.wrapped(reference.title, width: width, first: "  - ", indent: "    ")
                out += StyledLine.url(reference.url, width: width, indent: "    ")
            }
        }
        return out
    }
}
