import Foundation
import GitKit

extension ContentRepository {
    /// Signs a plan's records as git signs commits with SSH: the key from `user.signingkey` (with `gpg.format ssh`),
    /// through `ssh-keygen -Y sign` (or `gpg.ssh.program`), one run for all records so the key is asked for once.
    /// With `signing: optional` a signer without an SSH key makes attestations; with `required` they are refused.
    /// A signature by a key that is not the signer's on the roster is refused: it could never verify.
    public func sign(_ plan: SignoffPlan, environment: [String: String]) throws(ContentError) -> SignoffPlan {
        guard plan.config.signing != .off else { return plan }
        let key: String?
        let format: String?
        let program: String?
        do {
            key = try repository.configString("user.signingkey")
            format = try repository.configString("gpg.format")
            program = try repository.configString("gpg.ssh.program")
        } catch {
            throw ContentError(error)
        }
        guard let key, !key.isEmpty, format == "ssh" else {
            guard plan.config.signing == .required else { return plan }
            throw ContentError(.refused, "this library requires signed sign-offs (signing: required) but git has no SSH signing key: "
                + "git config gpg.format ssh && git config user.signingkey ~/.ssh/id_ed25519.pub")
        }
        let armors: [String]
        do {
            armors = try SSHSigner.sign(plan.items.map { Array($0.record.payload.utf8) }, namespace: SignoffRecord.signatureNamespace,
                                        signingKey: key, program: program, environment: environment)
        } catch {
            throw ContentError(.refused, "could not sign: \(error.reason); nothing was recorded")
        }
        var signed: [SignoffRecord] = []
        for (item, armor) in zip(plan.items, armors) {
            let signature: SSHSignature
            do {
                signature = try SSHSignature(armored: armor)
                try signature.verify(Array(item.record.payload.utf8), namespace: SignoffRecord.signatureNamespace)
            } catch {
                throw ContentError(.refused, "the signature made with \(key) does not verify (\(error.reason)); nothing was recorded")
            }
            let onRoster = plan.signerKeys.contains { $0.key == signature.publicKey && $0.isValid(at: item.record.time, in: plan.config.timeZone) }
            guard onRoster else {
                throw ContentError(.refused, "user.signingkey \(signature.publicKey.fingerprint) is not a key of \(item.record.reviewerName) "
                    + "on the roster valid today; add its public key to \(item.record.reviewerName)'s keys: first; nothing was recorded")
            }
            signed.append(item.record.signed(with: armor))
        }
        return plan.replacingRecords(signed)
    }
}
