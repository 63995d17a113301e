import ArgumentParser

struct Changes: ParsableCommand {
    func run() throws {}
}
