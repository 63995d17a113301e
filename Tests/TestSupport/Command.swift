import Foundation

/// Runs a program to completion and captures what it printed.
public enum Command {
    public struct Result {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public static func run(_ executable: String, _ arguments: [String], in folder: String,
                           environment: [String: String], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so a chatty process cannot fill one and block.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: errorData, as: UTF8.self))
    }
}

/// The contentctl binary built beside the tests.
public enum CLI {
    public static var binary: String {
        Bundle.main.bundlePath + "/contentctl"
    }

    /// Runs contentctl in `repository` with its test environment (plus `environment` overrides).
    public static func run(_ arguments: [String], in repository: TestRepository, environment: [String: String] = [:],
                           input: String? = nil, folder: String? = nil) throws -> Command.Result {
        let merged = repository.environment().merging(environment) { _, new in new }
        return try Command.run(binary, arguments, in: folder ?? repository.path, environment: merged, input: input)
    }
}
