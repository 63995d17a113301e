import ArgumentParser

struct Modules: ParsableCommand {
    func run() throws {}
}
