import Foundation

extension PersonalPacket {
    /// The packet through `reports/personal.<ext>.mustache` (HTML or Markdown).
    public func render(_ format: ReportFormat, templates: TemplateLibrary) throws(ContentError) -> String {
        try templates.renderReport("personal", format: format, context: context(format))
    }

    func context(_ format: ReportFormat) -> [String: Any] {
        let t = format.text
        let zone = timeZone
        func item(_ item: Item) -> [String: Any] {
            var values: [String: Any] = [
                "id": t(item.module.id), "title": t(item.module.title), "path": t(item.module.path),
                "roles": t(ReviewEngine.list(item.roles)), "since": item.since?.description ?? "",
                "reasons": item.reasons.map { ["verdict": $0.verdict.rawValue, "message": t($0.message)] },
                "approval": item.lastApproval.map { t("You approved an earlier text on \(CalendarDate($0.time, in: zone)) as \($0.role).") }
                    ?? t("You have not approved this module before."),
                "confirmedOn": item.lastApproval.map { t("You approved this text on \(CalendarDate($0.time, in: zone)) as \($0.role).") } ?? "",
                "textHTML": format == .html ? item.textHTML : "",
                "minutes": counted(item.readingMinutes, "minute"), "words": item.words,
                "commands": item.roles.map { t("contentctl signoff \(item.module.id) --role \($0)") },
            ]
            if let diff = item.diff { values["diff"] = ReviewPacket.diffContext(diff, t, format) }
            return values
        }
        let minutes = read.reduce(0) { $0 + $1.readingMinutes } + confirm.count
        return [
            "name": t(person.name), "email": t(person.email), "roles": t(person.roles.joined(separator: ", ")), "scope": t(person.scope),
            "asOf": report.asOf.description, "cycle": t(cycle.name), "head": String(report.head.hex.prefix(7)),
            "read": read.map(item), "confirm": confirm.map(item),
            "readCount": counted(read.count, "module"), "confirmCount": counted(confirm.count, "module"),
            "hasRead": !read.isEmpty, "hasConfirm": !confirm.isEmpty, "nothing": read.isEmpty && confirm.isEmpty,
            "minutes": counted(minutes, "minute"),
            "readNumber": read.count, "confirmNumber": confirm.count, "minuteNumber": minutes,
        ]
    }
}
