import SystemImports
import ChecklistModel

/// Root activity reaches a person: a logging multi-Region trail delivers to CloudWatch Logs, a
/// metric filter there matches root use, an alarm on that metric has actions, and an SNS topic it
/// notifies has a confirmed subscriber (CIS AWS Foundations v3.0 4.3, Security Hub CloudWatch.1);
/// or an enabled EventBridge rule on root activity has a target. Either whole chain passes. In a
/// fleet run a member is also covered by an organization trail of the management account whose
/// chain is whole there: that trail logs every member's root activity.
enum MonitorRootUsageCheck {
    static func evaluate(_ context: CheckContext) -> Verdict {
        let trail = trailChain(context.replies, organizationOnly: false)
        if trail.outcome == .pass { return trail }
        let events = eventBridgeChain(context)
        if events.outcome == .pass { return events }
        var verdicts = [trail, events]
        if let management = context.replies.management {
            verdicts.append(organizationTrail(management, accountID: context.accountID))
            if verdicts.last?.outcome == .pass { return verdicts.last! }
        }
        let outcome: CheckOutcome = verdicts.contains { $0.outcome == .unknown } ? .unknown : .fail
        return Verdict(outcome, verdicts.map(\.reason).joined(separator: "; "))
    }

    /// The management account's organization trail logs only its own organization's accounts: it
    /// counts once the management account confirms this account is one of them (a fleet's state
    /// directory may hold accounts of another organization, or standalone ones).
    static func organizationTrail(_ management: ReplyCache, accountID: String) -> Verdict {
        let chain = trailChain(management, organizationOnly: true)
        guard chain.outcome == .pass else { return Verdict(chain.outcome, "management account: \(chain.reason)") }
        switch management.reply(.organizationAccount(accountID)) {
        case .success(let object) where object["Account"]?.object?["Id"]?.string == accountID:
            return Verdict(.pass, "management account's organization " + chain.reason)
        case .success:
            return Verdict(.unknown, "the management account's organization trail is whole, but describe-account did not confirm \(accountID) is in its organization")
        case .failure(let failure):
            let outcome: CheckOutcome = failure.kind == .notFound ? .fail : .unknown
            return Verdict(outcome, "the management account's organization trail covers only its organization, and describe-account for \(accountID) "
                           + "did not confirm this account is in it (\(failure.message))")
        }
    }

    /// `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
    /// compared without spaces or case.
    static func matchesRootUse(_ pattern: String) -> Bool {
        let compact = String(pattern.lowercased().filter { !$0.isWhitespace }.map { $0 == "'" ? "\"" : $0 })
        return compact.contains("$.useridentity.type=\"root\"") && compact.contains("$.useridentity.invokedbynotexists")
            && compact.contains("$.eventtype!=\"awsserviceevent\"")
    }

    /// `organizationOnly`: only organization trails count (read in the management account for a member).
    static func trailChain(_ replies: ReplyCache, organizationOnly: Bool) -> Verdict {
        let trails: [[String: JSONValue]]
        switch replies.reply(.trails) {
        case .success(let object): trails = object["trailList"]?.array?.compactMap(\.object) ?? []
        case .failure(let failure): return Verdict(.unknown, "cannot list the CloudTrail trails (\(failure.message))")
        }
        let candidates = trails.filter {
            $0["IsMultiRegionTrail"]?.bool == true && $0["CloudWatchLogsLogGroupArn"]?.string != nil
                && (!organizationOnly || $0["IsOrganizationTrail"]?.bool == true)
        }
        guard !candidates.isEmpty else {
            if organizationOnly { return Verdict(.fail, "no multi-Region organization trail delivers to CloudWatch Logs") }
            return Verdict(.fail, trails.isEmpty ? "no CloudTrail trail" : "no multi-Region trail delivers to CloudWatch Logs")
        }
        var problems: [String] = []
        var unsettled = false
        for trail in candidates {
            let name = trail["TrailARN"]?.string ?? trail["Name"]?.string ?? "?"
            let home = trail["HomeRegion"]?.string
            switch replies.reply(.trailStatus(name), region: home) {
            case .success(let status) where status["IsLogging"]?.bool == true: break
            case .success: problems.append("trail \(name) is not logging"); continue
            case .failure(let failure): unsettled = true; problems.append("status of \(name) unknown (\(failure.message))"); continue
            }
            let groupArn = trail["CloudWatchLogsLogGroupArn"]?.string ?? ""
            guard let group = groupArn.components(separatedBy: ":log-group:").last?.split(separator: ":").first.map(String.init) else { continue }
            let filters: [[String: JSONValue]]
            switch replies.reply(.metricFilters(logGroup: group), region: home) {
            case .success(let object): filters = object["metricFilters"]?.array?.compactMap(\.object) ?? []
            case .failure(let failure): unsettled = true; problems.append("metric filters of \(group) unknown (\(failure.message))"); continue
            }
            let metrics = filters.filter { matchesRootUse($0["filterPattern"]?.string ?? "") }
                .flatMap { $0["metricTransformations"]?.array?.compactMap(\.object) ?? [] }
            guard !metrics.isEmpty else { problems.append("no metric filter on \(group) matches root use"); continue }
            for metric in metrics {
                guard let metricName = metric["metricName"]?.string, let namespace = metric["metricNamespace"]?.string else { continue }
                let alarms: [[String: JSONValue]]
                switch replies.reply(.alarms(metric: metricName, namespace: namespace), region: home) {
                case .success(let object): alarms = object["MetricAlarms"]?.array?.compactMap(\.object) ?? []
                case .failure(let failure): unsettled = true; problems.append("alarms on \(metricName) unknown (\(failure.message))"); continue
                }
                let topics = alarms.filter { $0["ActionsEnabled"]?.bool != false }
                    .flatMap { $0["AlarmActions"]?.array?.compactMap(\.string) ?? [] }
                    .filter { $0.hasPrefix("arn:aws:sns:") || $0.hasPrefix("arn:aws-") && $0.contains(":sns:") }
                guard !topics.isEmpty else { problems.append("no alarm on \(metricName) notifies an SNS topic"); continue }
                for topic in topics {
                    switch replies.reply(.subscriptions(topic: topic), region: home) {
                    case .success(let object):
                        let confirmed = (object["Subscriptions"]?.array?.compactMap(\.object) ?? []).filter {
                            let arn = $0["SubscriptionArn"]?.string ?? ""
                            return arn.hasPrefix("arn:") && arn != "PendingConfirmation"
                        }
                        if let first = confirmed.first {
                            let endpoint = first["Protocol"]?.string ?? "a subscriber"
                            return Verdict(.pass, "trail \(name) → metric filter on \(group) → alarm on \(metricName) → SNS topic \(topic) "
                                           + "with a confirmed \(endpoint) subscription")
                        }
                        problems.append("SNS topic \(topic) has no confirmed subscriber")
                    case .failure(let failure):
                        unsettled = true
                        problems.append("subscribers of \(topic) unknown (\(failure.message))")
                    }
                }
            }
        }
        return Verdict(unsettled ? .unknown : .fail, problems.joined(separator: "; "))
    }

    static func eventBridgeChain(_ context: CheckContext) -> Verdict {
        let rules: [[String: JSONValue]]
        switch context.replies.reply(.eventRules) {
        case .success(let object): rules = object["Rules"]?.array?.compactMap(\.object) ?? []
        case .failure(let failure): return Verdict(.unknown, "cannot list the EventBridge rules (\(failure.message))")
        }
        let rootRules = rules.filter { rule in
            guard rule["State"]?.string == "ENABLED", let pattern = rule["EventPattern"]?.string,
                  let object = try? JSONParser.parse(Data(pattern.utf8)) else { return false }
            return object.object?["detail"]?.object?["userIdentity"]?.object?["type"]?.array?.contains(.string("Root")) == true
        }
        guard !rootRules.isEmpty else { return Verdict(.fail, "no enabled EventBridge rule matches root activity") }
        var unsettled = false
        for rule in rootRules {
            guard let name = rule["Name"]?.string else { continue }
            switch context.replies.reply(.ruleTargets(name)) {
            case .success(let object):
                if let target = object["Targets"]?.array?.first?.object?["Arn"]?.string {
                    return Verdict(.pass, "EventBridge rule \(name) on root activity sends to \(target)")
                }
            case .failure:
                unsettled = true
            }
        }
        return Verdict(unsettled ? .unknown : .fail, "the EventBridge rule on root activity has no target")
    }
}
