import ChecklistModel
import SystemImports

/// An alarm on any use of the root user, where a multi-Region trail of the account already
/// delivers to CloudWatch Logs: the CIS metric filter on its log group, an SNS topic with an email
/// subscriber, and an alarm on one event that notifies it. Parts already there are used as they are.
/// The item stays unresolved until the subscriber confirms the email AWS sends.
/// https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1
enum RootUsageAlarmFix {
    static let keys = ["email"]
    static let name = "root-checklist-root-usage"
    static let pattern = #"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#

    static func plan(item: ChecklistItem, state: AccountState, values: [String: String], caller: FixCaller, replies: any ReplySource,
                     region: String?) throws(FixError) -> FixPlan {
        let account = state.account.id
        guard case .account = caller else {
            throw .notPossible("the alarm is made with the account's own credentials (its log group, topic and alarm are its own)")
        }
        // A multi-Region trail of this account that delivers to a log group of this account.
        let trails: [[String: JSONValue]]
        switch replies.reply(.trails, region: region) {
        case .success(let object): trails = object["trailList"]?.array?.compactMap(\.object) ?? []
        case .failure(let failure): throw .unreadable(failure.message)
        }
        let delivering = trails.compactMap { trail -> (group: String, region: String)? in
            guard trail["IsMultiRegionTrail"]?.bool == true, let arn = trail["CloudWatchLogsLogGroupArn"]?.string,
                  let logs = ARN(arn), logs.account == account,
                  let group = arn.components(separatedBy: ":log-group:").last?.split(separator: ":").first.map(String.init),
                  Self.isName(group), Self.isRegion(logs.region) else { return nil }
            return (group, logs.region)
        }
        guard let target = delivering.first else {
            throw .notPossible("no multi-Region trail of this account delivers to CloudWatch Logs: create one first "
                               + "(CloudTrail console, or aws cloudtrail create-trail --is-multi-region-trail with --cloud-watch-logs-log-group-arn)")
        }
        let at = ["--region", target.region]
        var steps: [FixPlan.Step] = []
        var found: [String] = ["trail delivers to \(target.group) in \(target.region)"]
        // The metric the filter counts root use into: an existing CIS filter's, or a new one.
        var metric = (name: "RootAccountUsage", namespace: "CISBenchmark")
        switch replies.reply(.metricFilters(logGroup: target.group), region: target.region) {
        case .success(let object):
            let filters = object["metricFilters"]?.array?.compactMap(\.object) ?? []
            let matching = filters.first { [.exact, .broadened].contains(RootUsagePattern.classify($0["filterPattern"]?.string ?? "")) }
            if let existing = matching?["metricTransformations"]?.array?.first?.object,
               let name = existing["metricName"]?.string, let namespace = existing["metricNamespace"]?.string, isName(name), isName(namespace) {
                metric = (name, namespace)
                found.append("a root-usage filter counts into \(namespace)/\(name)")
            } else {
                steps.append(.init(arguments: ["logs", "put-metric-filter", "--log-group-name", target.group, "--filter-name", name,
                                               "--filter-pattern", pattern, "--metric-transformations",
                                               "metricName=\(metric.name),metricNamespace=\(metric.namespace),metricValue=1"] + at,
                                   changes: "counts every use of the root user in \(target.group) into \(metric.namespace)/\(metric.name)",
                                   undo: "aws logs delete-metric-filter --log-group-name \(target.group) --filter-name \(name) --region \(target.region)"))
            }
        case .failure(let failure): throw .unreadable(failure.message)
        }
        // An alarm that fires on one event and notifies a topic: kept; else one made with a topic of its own.
        var topic = "arn:aws:sns:\(target.region):\(account):\(name)"
        var hasAlarm = false
        if steps.isEmpty {
            switch replies.reply(.alarms(metric: metric.name, namespace: metric.namespace), region: target.region) {
            case .success(let object):
                let alarms = object["MetricAlarms"]?.array?.compactMap(\.object) ?? []
                if let alarm = alarms.first(where: { MonitorRootUsageCheck.firesOnOneEvent($0) && $0["ActionsEnabled"]?.bool != false }),
                   let existing = (alarm["AlarmActions"]?.array?.compactMap(\.string) ?? []).first(where: { ARN($0)?.service == "sns" }) {
                    hasAlarm = true
                    topic = existing
                    found.append("an alarm notifies \(existing)")
                }
            case .failure(let failure): throw .unreadable(failure.message)
            }
        }
        var confirmed = false
        if hasAlarm {
            switch replies.reply(.subscriptions(topic: topic), region: target.region) {
            case .success(let object):
                confirmed = (object["Subscriptions"]?.array?.compactMap(\.object) ?? []).contains {
                    let arn = $0["SubscriptionArn"]?.string ?? ""
                    return arn.hasPrefix("arn:") && arn != "PendingConfirmation"
                }
                if confirmed { found.append("it has a confirmed subscriber") }
            case .failure(let failure): throw .unreadable(failure.message)
            }
        }
        if !hasAlarm {
            steps.append(.init(arguments: ["sns", "create-topic", "--name", name] + at,
                               changes: "makes the topic \(topic) (nothing if it exists)",
                               undo: "aws sns delete-topic --topic-arn \(topic) --region \(target.region)"))
        }
        if !confirmed {
            guard let email = values["email"]?.trimmingSpaces(), !email.isEmpty else { throw .missingValues(item: item.id, keys: ["email"]) }
            guard EvidenceValidator.isEmail(email) else { throw .invalidValue(key: "email", message: "is not an email address") }
            steps.append(.init(arguments: ["sns", "subscribe", "--topic-arn", topic, "--protocol", "email", "--notification-endpoint", email] + at,
                               changes: "asks \(email) to confirm it wants the alarm's mail (AWS sends the confirmation)",
                               undo: "aws sns unsubscribe --subscription-arn ARN (listed by aws sns list-subscriptions-by-topic)"))
        }
        if !hasAlarm {
            steps.append(.init(arguments: ["cloudwatch", "put-metric-alarm", "--alarm-name", name, "--metric-name", metric.name,
                                           "--namespace", metric.namespace, "--statistic", "Sum", "--period", "300", "--evaluation-periods", "1",
                                           "--threshold", "1", "--comparison-operator", "GreaterThanOrEqualToThreshold",
                                           "--treat-missing-data", "notBreaching", "--alarm-actions", topic] + at,
                               changes: "alarms on one use of the root user within 5 minutes and notifies the topic",
                               undo: "aws cloudwatch delete-alarms --alarm-names \(name) --region \(target.region)"))
        }
        var plan = FixPlan(accountID: account, itemID: item.id, title: "Alert on any use of the root user", caller: caller,
                           now: found.joined(separator: "; "), steps: steps, evidence: [:])
        if !confirmed {
            plan.notes = ["The item stays unresolved until the address confirms the subscription in the email AWS sends; v checks it again then."]
        }
        return plan
    }

    /// Log group, metric and namespace names as AWS allows them, never an option the CLI would take.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 512 && !text.hasPrefix("-") && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-/#".contains($0)) }
    }

    static func isRegion(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 30 && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
}
