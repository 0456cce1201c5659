import SafeText
import SystemImports

/// Credentials found the way the AWS CLI finds them, as far as this client reads them itself:
/// `--profile` (or, without it, the environment's keys before `AWS_PROFILE`), then the shared
/// credentials file and the config file. A profile that uses what is not read here yet (a role, a
/// credential process, IAM Identity Center, web identity) is named, so the caller can hand that run
/// to the CLI and say so. Credentials stay in memory; nothing here writes or prints them.
public enum CredentialChain {
    public indirect enum Found: Sendable {
        case credentials(AWSCredentials, from: String)
        /// `credential_process`: the command whose output holds them (the caller runs it).
        case process(profile: String, command: String)
        /// `role_arn`: the role to assume with the credentials `source` gives.
        case role(profile: String, arn: String, sessionName: String?, externalID: String?, durationSeconds: String?, source: Found)
        /// A role assumed with a web identity token (EKS service accounts, CI systems' OIDC tokens).
        case webIdentity(profile: String, arn: String, tokenFile: String, sessionName: String?)
        /// IAM Identity Center: the role's credentials from the portal, with the token `aws sso login` cached.
        case sso(SSOProfile)
        /// The profile takes its credentials from `setting`, which only the CLI resolves.
        case needsCLI(profile: String, setting: String)
        case none(String)
    }

    /// Settings that give credentials some other way than static keys, in the order the CLI looks.
    static let delegated = ["role_arn", "web_identity_token_file", "sso_session", "sso_start_url", "credential_process", "credential_source"]
    /// How deep `source_profile` may chain roles before the chain is refused as a loop.
    static let maxChain = 5

    public static func resolve(profile explicit: String?, environment: [String: String]) -> Found {
        if explicit == nil, let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty,
           let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty {
            let token = environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"]
            return .credentials(AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token?.isEmpty == false ? token : nil),
                                from: "the environment")
        }
        if explicit == nil, let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !tokenFile.isEmpty,
           let arn = environment["AWS_ROLE_ARN"], !arn.isEmpty {
            return .webIdentity(profile: "the environment", arn: arn, tokenFile: tokenFile,
                                sessionName: environment["AWS_ROLE_SESSION_NAME"].flatMap { $0.isEmpty ? nil : $0 })
        }
        let profile = explicit ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let home = environment["HOME"] ?? ""
        let credentialsFile = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials"
        let configFile = environment["AWS_CONFIG_FILE"] ?? home + "/.aws/config"
        let fromCredentials = IniFile.read(credentialsFile)?[profile]
        let fromConfig = IniFile.read(configFile)?[profile == "default" ? "default" : "profile " + profile]
        for (settings, file) in [(fromCredentials, credentialsFile), (fromConfig, configFile)] {
            guard let settings else { continue }
            if let key = settings["aws_access_key_id"], let secret = settings["aws_secret_access_key"] {
                return .credentials(AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: settings["aws_session_token"]),
                                    from: "profile \(profile) in \(file)")
            }
            if let setting = delegated.first(where: { settings[$0] != nil }) {
                return delegatedFound(profile: profile, setting: setting, settings: settings, environment: environment, depth: 0)
            }
        }
        if fromCredentials == nil && fromConfig == nil && explicit != nil {
            return .none("the profile \(profile) is in neither \(credentialsFile) nor \(configFile)")
        }
        return .none("no AWS credentials in the environment or for the profile \(profile)")
    }
}

extension CredentialChain {
    /// A profile's credentials that come from a role or a process; what the client cannot take
    /// itself (MFA codes, web identity, Identity Center, instance or container sources) is named.
    static func delegatedFound(profile: String, setting: String, settings: [String: String], environment: [String: String],
                               depth: Int) -> Found {
        switch setting {
        case "credential_process":
            return .process(profile: profile, command: settings["credential_process"] ?? "")
        case "sso_session", "sso_start_url":
            return SSOProfile.read(profile: profile, settings: settings, environment: environment).map(Found.sso)
                ?? .needsCLI(profile: profile, setting: setting)
        case "role_arn" where settings["web_identity_token_file"] != nil, "web_identity_token_file":
            guard let arn = settings["role_arn"], let file = settings["web_identity_token_file"] else {
                return .needsCLI(profile: profile, setting: setting)
            }
            return .webIdentity(profile: profile, arn: arn, tokenFile: file, sessionName: settings["role_session_name"])
        case "role_arn":
            guard settings["mfa_serial"] == nil else { return .needsCLI(profile: profile, setting: "mfa_serial") }
            guard depth < maxChain else { return .none("the profile \(profile) chains roles more than \(maxChain) deep") }
            let source: Found
            if let name = settings["source_profile"] {
                source = sourceProfile(name, environment: environment, depth: depth + 1, selfSettings: name == profile ? settings : nil)
            } else if settings["credential_source"] == "Environment" {
                source = resolve(profile: nil, environment: environment.filter { $0.key != "AWS_PROFILE" })
            } else {
                return .needsCLI(profile: profile, setting: settings["credential_source"].map { "credential_source \($0)" } ?? "role_arn")
            }
            if case .none = source { return source }
            if case .needsCLI = source { return source }
            return .role(profile: profile, arn: settings["role_arn"] ?? "", sessionName: settings["role_session_name"],
                         externalID: settings["external_id"], durationSeconds: settings["duration_seconds"], source: source)
        default:
            return .needsCLI(profile: profile, setting: setting)
        }
    }

    /// A `source_profile`: its static keys (a profile naming itself uses its own), else what it delegates to.
    static func sourceProfile(_ name: String, environment: [String: String], depth: Int, selfSettings: [String: String]?) -> Found {
        let home = environment["HOME"] ?? ""
        let credentials = IniFile.read(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials")?[name]
        let config = IniFile.read(environment["AWS_CONFIG_FILE"] ?? home + "/.aws/config")?[name == "default" ? "default" : "profile " + name]
        for settings in [credentials, config].compactMap({ $0 }) {
            if let key = settings["aws_access_key_id"], let secret = settings["aws_secret_access_key"] {
                return .credentials(AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: settings["aws_session_token"]),
                                    from: "profile \(name)")
            }
            if selfSettings == nil, let setting = delegated.first(where: { settings[$0] != nil }) {
                return delegatedFound(profile: name, setting: setting, settings: settings, environment: environment, depth: depth)
            }
        }
        return .none("the source profile \(name) has no credentials")
    }

    /// What a profile's config section says of how to reach AWS, as environment settings the
    /// client reads: its `endpoint_url` (`AWS_ENDPOINT_URL`) and `ca_bundle` (`AWS_CA_BUNDLE`),
    /// each only where the environment does not set it already (it comes first, as for the CLI).
    public static func reachSettings(profile explicit: String?, environment: [String: String]) -> [String: String] {
        let profile = explicit ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let configFile = environment["AWS_CONFIG_FILE"] ?? (environment["HOME"] ?? "") + "/.aws/config"
        guard let section = IniFile.read(configFile)?[profile == "default" ? "default" : "profile " + profile] else { return environment }
        var settings = environment
        if settings["AWS_ENDPOINT_URL"] == nil, environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true",
           section["ignore_configured_endpoint_urls"]?.lowercased() != "true", let url = section["endpoint_url"] {
            settings["AWS_ENDPOINT_URL"] = url
        }
        if settings["AWS_CA_BUNDLE"] == nil, let bundle = section["ca_bundle"] { settings["AWS_CA_BUNDLE"] = bundle }
        return settings
    }

    /// The Region the CLI uses without `--region`: `AWS_DEFAULT_REGION`, else the profile's `region`.
    public static func region(profile explicit: String?, environment: [String: String]) -> String? {
        if let region = environment["AWS_DEFAULT_REGION"], !region.isEmpty { return region }
        let profile = explicit ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let configFile = environment["AWS_CONFIG_FILE"] ?? (environment["HOME"] ?? "") + "/.aws/config"
        return IniFile.read(configFile)?[profile == "default" ? "default" : "profile " + profile]?["region"]
    }
}

/// The AWS CLI's INI files: `[section]`, `key = value`, `#` and `;` comments; nested (indented)
/// sub-settings are skipped, as no credential setting uses them.
enum IniFile {
    static func read(_ path: String) -> [String: [String: String]]? {
        // Never blocks on a FIFO nor reads a device put where the file belongs.
        guard let data = SafeFileRead.contents(of: URL(fileURLWithPath: path), limit: 1 << 20) else { return nil }
        return parse(String(decoding: data, as: UTF8.self))
    }

    static func parse(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            if raw.first == " " || raw.first == "\t" { continue }
            let line = raw.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast()).trimmingSpaces()
                current = name
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingSpaces().lowercased()
            let value = line[line.index(after: equals)...].trimmingSpaces()
            sections[current, default: [:]][key] = value
        }
        return sections
    }
}
