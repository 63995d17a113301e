import ArgumentParser

struct Signoff: ParsableCommand {
    func run() throws {}
}
