/// One self-contained, printable HTML page (inline CSS, no network fetches) for the reports contentctl writes.
enum HTMLPage {
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2328; }
        section { border-top: 1px solid #d0d7de; margin-top: 1.5rem; }
        .meta, .note { color: #57606a; }
        .hunk, .text { white-space: pre-wrap; background: #f6f8fa; padding: 0.75rem; border-radius: 6px; margin: 0.75rem 0; }
        del { background: #ffebe9; color: #82071e; }
        ins { background: #dafbe1; color: #116329; text-decoration: none; }
        .fails { color: #82071e; font-weight: 600; }
        table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
        @media print { .hunk, .text { background: none; border: 1px solid #d0d7de; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
