import SafeText
import SystemImports

/// Credentials found the way the AWS CLI finds them, as far as this client reads them itself:
/// `--profile` (or, without it, the environment's keys before `AWS_PROFILE`), then the shared
/// credentials file and the config file. A profile that uses what is not read here yet (a role, a
/// credential process, IAM Identity Center, web identity) is named, so the caller can hand that run
/// to the CLI and say so. Credentials stay in memory; nothing here writes or prints them.
public enum CredentialChain {
    public enum Found: Sendable {
        case credentials(AWSCredentials, from: String)
        /// The profile takes its credentials from `setting`, which only the CLI resolves for now.
        case needsCLI(profile: String, setting: String)
        case none(String)
    }

    /// Settings that give credentials some other way than static keys.
    static let delegated = ["role_arn", "credential_process", "sso_session", "sso_start_url", "web_identity_token_file", "credential_source"]

    public static func resolve(profile explicit: String?, environment: [String: String]) -> Found {
        if explicit == nil, let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty,
           let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty {
            let token = environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"]
            return .credentials(AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token?.isEmpty == false ? token : nil),
                                from: "the environment")
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
            if let setting = delegated.first(where: { settings[$0] != nil }) { return .needsCLI(profile: profile, setting: setting) }
        }
        if fromCredentials == nil && fromConfig == nil && explicit != nil {
            return .none("the profile \(profile) is in neither \(credentialsFile) nor \(configFile)")
        }
        return .none("no AWS credentials in the environment or for the profile \(profile)")
    }
}

extension CredentialChain {
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
