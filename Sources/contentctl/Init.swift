import ArgumentParser

struct Init: ParsableCommand {
    func run() throws {}
}
