import ArgumentParser

struct Signoffs: ParsableCommand {
    func run() throws {}
}
