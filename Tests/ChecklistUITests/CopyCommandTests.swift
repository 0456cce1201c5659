import ChecklistModel
import ChecklistUI
import Testing

/// `c` on a step puts its command, filled in for the account, on the clipboard; text that is not a
/// command gets no prompt and nothing to copy.
@Suite struct CopyCommandTests {
    @Test func copiesTheFilledInCommandAndSaysSo() {
        var app = Harness.opened(region: "eu-west-1")
        app.openStep("identity-center-admin")
        #expect(app.bodyText.contains("$ aws sso-admin list-instances --region eu-west-1"), "\(app.bodyText)")
        app.effects.removeAll()
        app.press(.char("c"))
        #expect(app.effects == [.copyToClipboard("aws sso-admin list-instances --region eu-west-1 --query \"Instances[?Status=='ACTIVE']\"")])
        #expect(app.state.flash?.kind == .success)
        #expect(app.state.flash?.text.hasPrefix("Copied to the clipboard: aws sso-admin") == true)
    }

    @Test func aPlaceholderWithoutAValueIsNamedAndExplained() {
        var app = Harness.opened()
        app.openStep("identity-center-admin")
        #expect(app.bodyText.contains("HOME_REGION: the IAM Identity Center home Region"), "\(app.bodyText)")
        app.press(.char("c"))
        #expect(app.state.flash?.text.contains("fill in HOME_REGION before running it") == true)
    }

    @Test func theAccountIdIsFilledInAndARemarkIsNotCopied() {
        var app = Harness.opened()
        app.openStep("group-root-email")
        app.effects.removeAll()
        app.press(.char("c"))
        #expect(app.effects == [.copyToClipboard("aws account get-primary-email --account-id 111122223333")])
        #expect(app.bodyText.contains("(from the management account, for a member"), "\(app.bodyText)")
    }

    @Test func consoleInstructionsGetNoPromptAndNothingToCopy() {
        var app = Harness.opened()
        app.openStep("strong-root-password")
        #expect(!app.bodyText.contains("$ Console"), "\(app.bodyText)")
        #expect(app.bodyText.contains("Console only:"))
        app.effects.removeAll()
        app.press(.char("c"))
        #expect(app.effects.isEmpty)
        #expect(app.state.flash?.text == "This step has no command to copy.")
    }

    @Test func nextAndPreviousAreInTheFooterAt80Columns() {
        var app = Harness.opened(width: 80)
        app.openStep("root-mfa")
        let footer = app.text.split(separator: "\n").last.map(String.init) ?? ""
        for hint in ["d done", "s skip", "n/p step", "e evidence", "o note", "u undo", "v check", "? help", "q quit"] {
            #expect(footer.contains(hint), "\(hint) missing from: \(footer)")
        }
    }

    @Test func theCopyKeyIsInTheStepFooterAndHelp() {
        var app = Harness.opened(width: 120)
        app.openStep("root-mfa")
        #expect(app.text.contains("c copy"), "\(app.text)")
        #expect(KeyMap.helpLines(ascii: true).contains { $0.contains("Copy the step's command") })
    }
}
