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
        let trail = trailChain(context.replies, accountID: context.accountID, now: context.now, organizationOnly: false)
        if trail.outcome == .pass { return trail }
        let events = eventBridgeChain(context)
        if events.outcome == .pass { return events }
        var verdicts = [trail, events]
        if let management = context.replies.management {
            verdicts.append(organizationTrail(management, accountID: context.accountID, now: context.now))
            if verdicts.last?.outcome == .pass { return verdicts.last! }
        }
        let outcome: CheckOutcome = verdicts.contains { $0.outcome == .unknown } ? .unknown : .fail
        return Verdict(outcome, verdicts.map(\.reason).joined(separator: "; "))
    }

    /// The management account's organization trail logs only its own organization's accounts: it
    /// counts once the management account confirms this account is one of them (a fleet's state
    /// directory may hold accounts of another organization, or standalone ones).
    static func organizationTrail(_ management: ReplyCache, accountID: String, now: Date) -> Verdict {
        // The organization trail's chain is the management account's own: its ARN names that account.
        let organization = try? management.reply(.organization).get()
        let owner = organization?["Organization"]?.object?["MasterAccountId"]?.string ?? accountID
        let chain = trailChain(management, accountID: owner, now: now, organizationOnly: true)
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

    /// How long a working trail may go without delivering to CloudWatch Logs (Prowler's bound).
    static let deliveryWindow: TimeInterval = 24 * 3600

    /// `organizationOnly`: only organization trails count (read in the management account for a member).
    static func trailChain(_ replies: ReplyCache, accountID: String, now: Date, organizationOnly: Bool) -> Verdict {
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
            // Read from a delegated administrator the management account's trails may not show: not a fail.
            if organizationOnly { return Verdict(.unknown, "no multi-Region organization trail delivering to CloudWatch Logs is visible") }
            return Verdict(.fail, trails.isEmpty ? "no CloudTrail trail" : "no multi-Region trail delivers to CloudWatch Logs")
        }
        var problems: [String] = []
        var unsettled = false
        func unknown(_ text: String) { unsettled = true; problems.append(text) }
        for trail in candidates {
            let name = trail["TrailARN"]?.string ?? trail["Name"]?.string ?? "?"
            let home = trail["HomeRegion"]?.string
            // An organization trail seen from a member lives in the management account, with its chain.
            if let owner = ARN(name)?.account, owner != accountID {
                unknown("trail \(name) belongs to account \(owner) (an organization trail): its chain is there, so run "
                        + "verify --all from the management account")
                continue
            }
            switch replies.reply(.trailStatus(name), region: home) {
            case .success(let status):
                guard status["IsLogging"]?.bool == true else { problems.append("trail \(name) is not logging"); continue }
                if let error = status["LatestCloudWatchLogsDeliveryError"]?.string, !error.isEmpty {
                    problems.append("trail \(name) fails to deliver to CloudWatch Logs (\(UntrustedText.line(error, limit: 120)))")
                    continue
                }
                guard let delivered = status["LatestCloudWatchLogsDeliveryTime"].flatMap(Self.time) else {
                    unknown("trail \(name) shows no delivery to CloudWatch Logs")
                    continue
                }
                if now.timeIntervalSince(delivered) > deliveryWindow {
                    problems.append("trail \(name) last delivered to CloudWatch Logs \(ISODate.readable(delivered)), over a day ago")
                    continue
                }
            case .failure(let failure): unknown("status of \(name) unknown (\(failure.message))"); continue
            }
            switch managementEvents(replies, trail: name, home: home) {
            case .success(true): break
            case .success(false): problems.append("trail \(name) does not record every management event (read and write)"); continue
            case .failure(let problem): unknown(problem.why); continue
            }
            let groupArn = trail["CloudWatchLogsLogGroupArn"]?.string ?? ""
            guard let logs = ARN(groupArn), let group = groupArn.components(separatedBy: ":log-group:").last?.split(separator: ":").first.map(String.init) else {
                unknown("trail \(name) names no readable log group (\(UntrustedText.line(groupArn, limit: 120)))")
                continue
            }
            if logs.account != accountID {
                unknown("trail \(name) delivers to a log group of account \(logs.account): check its filter and alarm there")
                continue
            }
            let filters: [[String: JSONValue]]
            switch replies.reply(.metricFilters(logGroup: group), region: logs.region) {
            case .success(let object): filters = object["metricFilters"]?.array?.compactMap(\.object) ?? []
            case .failure(let failure): unknown("metric filters of \(group) unknown (\(failure.message))"); continue
            }
            let matching = filters.filter { [.exact, .broadened].contains(RootUsagePattern.classify($0["filterPattern"]?.string ?? "")) }
            guard !matching.isEmpty else {
                let narrowed = filters.contains { RootUsagePattern.classify($0["filterPattern"]?.string ?? "") == .narrowed }
                problems.append(narrowed ? "the metric filter on \(group) adds conditions to the root-usage pattern, so some root use goes unseen"
                                : "no metric filter on \(group) matches root use")
                continue
            }
            let broadened = matching.allSatisfy { RootUsagePattern.classify($0["filterPattern"]?.string ?? "") == .broadened }
            let metrics = matching.flatMap { $0["metricTransformations"]?.array?.compactMap(\.object) ?? [] }
            for metric in metrics {
                guard let metricName = metric["metricName"]?.string, let namespace = metric["metricNamespace"]?.string else { continue }
                let alarms: [[String: JSONValue]]
                switch replies.reply(.alarms(metric: metricName, namespace: namespace), region: logs.region) {
                case .success(let object): alarms = object["MetricAlarms"]?.array?.compactMap(\.object) ?? []
                case .failure(let failure): unknown("alarms on \(metricName) unknown (\(failure.message))"); continue
                }
                let firing = alarms.filter(firesOnOneEvent)
                if firing.isEmpty {
                    problems.append(alarms.isEmpty ? "no alarm on \(metricName)" : "no alarm on \(metricName) fires on a single root event")
                    continue
                }
                let topics = firing.filter { $0["ActionsEnabled"]?.bool != false }
                    .flatMap { $0["AlarmActions"]?.array?.compactMap(\.string) ?? [] }
                    .filter { ARN($0)?.service == "sns" }
                guard !topics.isEmpty else { problems.append("no alarm on \(metricName) notifies an SNS topic"); continue }
                for topic in topics {
                    switch confirmedSubscriber(replies, topic: topic) {
                    case .success(let endpoint?):
                        return Verdict(.pass, "trail \(name) → metric filter on \(group)\(broadened ? " (broader than the CIS pattern)" : "") "
                                       + "→ alarm on \(metricName) → SNS topic \(topic) with a confirmed \(endpoint) subscription")
                    case .success(nil): problems.append("SNS topic \(topic) has no confirmed subscriber")
                    case .failure(let problem): unknown(problem.why)
                    }
                }
            }
        }
        return Verdict(unsettled ? .unknown : .fail, problems.joined(separator: "; "))
    }

    /// Whether the trail records management events, read and write (basic or advanced selectors).
    static func managementEvents(_ replies: ReplyCache, trail: String, home: String?) -> Result<Bool, Unsettled> {
        switch replies.reply(.eventSelectors(trail), region: home) {
        case .failure(let failure): return .failure(Unsettled(why: "event selectors of \(trail) unknown (\(failure.message))"))
        case .success(let object):
            let basic = object["EventSelectors"]?.array?.compactMap(\.object) ?? []
            if basic.contains(where: { $0["IncludeManagementEvents"]?.bool == true && $0["ReadWriteType"]?.string == "All" }) { return .success(true) }
            let advanced = object["AdvancedEventSelectors"]?.array?.compactMap(\.object) ?? []
            let management = advanced.contains { selector in
                let fields = selector["FieldSelectors"]?.array?.compactMap(\.object) ?? []
                let isManagement = fields.contains { $0["Field"]?.string == "eventCategory" && $0["Equals"]?.array == [.string("Management")] }
                let narrowed = fields.contains { $0["Field"]?.string != "eventCategory" }
                return isManagement && !narrowed
            }
            if basic.isEmpty && advanced.isEmpty { return .failure(Unsettled(why: "get-event-selectors for \(trail) gave no selectors")) }
            return .success(management)
        }
    }

    /// An alarm that goes off on one root event: threshold and comparison such that a count of 1 breaches.
    static func firesOnOneEvent(_ alarm: [String: JSONValue]) -> Bool {
        guard let threshold = alarm["Threshold"]?.number.flatMap({ Double($0.text) }) else { return false }
        // A negative threshold is no alarm on events: it is in alarm with none.
        switch alarm["ComparisonOperator"]?.string {
        case "GreaterThanOrEqualToThreshold": return threshold > 0 && threshold <= 1
        case "GreaterThanThreshold": return threshold >= 0 && threshold < 1
        default: return false
        }
    }

    /// The protocol of the first confirmed subscriber of an SNS topic (asked in the topic's Region), nil when none.
    static func confirmedSubscriber(_ replies: ReplyCache, topic: String) -> Result<String?, Unsettled> {
        switch replies.reply(.subscriptions(topic: topic), region: ARN(topic)?.region) {
        case .success(let object):
            let confirmed = (object["Subscriptions"]?.array?.compactMap(\.object) ?? []).first {
                let arn = $0["SubscriptionArn"]?.string ?? ""
                return arn.hasPrefix("arn:") && arn != "PendingConfirmation"
            }
            return .success(confirmed.map { $0["Protocol"]?.string ?? "a subscriber" })
        case .failure(let failure):
            return .failure(Unsettled(why: "subscribers of \(topic) unknown (\(failure.message))"))
        }
    }

    static func time(_ value: JSONValue) -> Date? {
        if let text = value.string { return ISODate.parseAnyForm(text) }
        // The CLI may print a time as seconds since the epoch.
        return value.number.flatMap { Double($0.text) }.map { Date(timeIntervalSince1970: $0) }
    }

    struct Unsettled: Error { var why: String }

    /// EventBridge: a trail that logs (the rules see CloudTrail's events), and in us-east-1 (where IAM
    /// and sign-in events arrive) and the home Region, an enabled rule on root activity that is not
    /// narrowed to one source or event type, with an SNS target that has a confirmed subscriber. Not
    /// CIS v3.0 4.3, whose path is the metric filter and alarm: reported under its own name.
    static func eventBridgeChain(_ context: CheckContext) -> Verdict {
        switch anyTrailLogging(context.replies) {
        case .success(false): return Verdict(.fail, "EventBridge path: no trail is logging, so no rule sees CloudTrail's events")
        case .failure(let why): return Verdict(.unknown, "EventBridge path: \(why.why)")
        case .success(true): break
        }
        var regions = ["us-east-1"]
        if let home = context.region, home != "us-east-1" { regions.append(home) }
        var found: [String] = []
        for region in regions {
            switch ruleWithSubscriber(context.replies, region: region) {
            case .success(let description?): found.append(description)
            case .success(nil): return Verdict(.fail, "EventBridge path: no enabled rule on root activity in \(region) notifies a confirmed subscriber")
            case .failure(let why): return Verdict(.unknown, "EventBridge path: \(why.why)")
            }
        }
        return Verdict(.pass, "EventBridge path (not CIS v3.0 4.3): " + found.joined(separator: "; "))
    }

    static func anyTrailLogging(_ replies: ReplyCache) -> Result<Bool, Unsettled> {
        switch replies.reply(.trails) {
        case .failure(let failure): return .failure(Unsettled(why: "cannot list the CloudTrail trails (\(failure.message))"))
        case .success(let object):
            var unsettled: String?
            for trail in object["trailList"]?.array?.compactMap(\.object) ?? [] {
                let name = trail["TrailARN"]?.string ?? trail["Name"]?.string ?? "?"
                switch replies.reply(.trailStatus(name), region: trail["HomeRegion"]?.string) {
                case .success(let status) where status["IsLogging"]?.bool == true: return .success(true)
                case .success: continue
                case .failure(let failure): unsettled = unsettled ?? "status of \(name) unknown (\(failure.message))"
                }
            }
            if let unsettled { return .failure(Unsettled(why: unsettled)) }
            return .success(false)
        }
    }

    /// In one Region: an enabled rule whose pattern is root activity and nothing narrower, with an
    /// SNS target that has a confirmed subscriber.
    static func ruleWithSubscriber(_ replies: ReplyCache, region: String) -> Result<String?, Unsettled> {
        let rules: [[String: JSONValue]]
        switch replies.reply(.eventRules, region: region) {
        case .success(let object): rules = object["Rules"]?.array?.compactMap(\.object) ?? []
        case .failure(let failure): return .failure(Unsettled(why: "cannot list the EventBridge rules in \(region) (\(failure.message))"))
        }
        var unsettled: String?
        for rule in rules where ["ENABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"].contains(rule["State"]?.string ?? "") {
            guard let name = rule["Name"]?.string, let text = rule["EventPattern"]?.string,
                  let pattern = try? JSONParser.parse(Data(text.utf8)).object, isRootActivity(pattern) else { continue }
            let targets: [String]
            switch replies.reply(.ruleTargets(name), region: region) {
            case .success(let object): targets = (object["Targets"]?.array ?? []).compactMap { $0.object?["Arn"]?.string }
            case .failure(let failure): unsettled = unsettled ?? "targets of rule \(name) unknown (\(failure.message))"; continue
            }
            for topic in targets where ARN(topic)?.service == "sns" {
                switch confirmedSubscriber(replies, topic: topic) {
                case .success(let endpoint?): return .success("rule \(name) in \(region) → SNS topic \(topic) with a confirmed \(endpoint) subscription")
                case .success(nil): continue
                case .failure(let why): unsettled = unsettled ?? why.why
                }
            }
        }
        if let unsettled { return .failure(Unsettled(why: unsettled)) }
        return .success(nil)
    }

    /// `detail.userIdentity.type` is `Root` and nothing narrows it: no other detail field, no
    /// `source`, and a `detail-type` (if any) that keeps both API calls and console sign-ins.
    static func isRootActivity(_ pattern: [String: JSONValue]) -> Bool {
        guard let detail = pattern["detail"]?.object, detail.count == 1,
              let identity = detail["userIdentity"]?.object, identity.count == 1,
              identity["type"]?.array?.contains(.string("Root")) == true else { return false }
        if pattern["source"] != nil { return false }
        if let types = pattern["detail-type"]?.array {
            let kinds = Set(types.compactMap(\.string))
            guard kinds.isSuperset(of: ["AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail"]) else { return false }
        }
        return Set(pattern.keys).isSubset(of: ["detail", "detail-type"])
    }
}

/// The parts of an ARN this check reads: `arn:partition:service:region:account:resource`.
struct ARN {
    var service: String
    var region: String
    var account: String

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
    }
}
