import Foundation
import PodiumAPI

/// The machine a code submission runs on, as recorded with its measurements, and its GPU memory through
/// NVML's command-line tool (`nvidia-smi`) when it has a GPU.
public enum MachineDescription {
    /// This machine: its CPU model (`/proc/cpuinfo`), the cores this process may use, its memory and GPU.
    public static let current: CodeMeasurements.Hardware = {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        return CodeMeasurements.Hardware(
            cpu: model, cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryMB: Int(ProcessInfo.processInfo.physicalMemory >> 20), gpu: gpuName)
    }()

    /// The first GPU's name, nil without `nvidia-smi` or a GPU.
    static let gpuName: String? = {
        guard let lines = nvidiaSMI(["--query-gpu=name", "--format=csv,noheader"]) else { return nil }
        return lines.first
    }()

    /// MB of GPU memory compute processes use now (nil without a GPU).
    static func gpuMemoryInUseMB() -> Double? {
        guard gpuName != nil,
            let lines = nvidiaSMI(["--query-compute-apps=used_memory", "--format=csv,noheader,nounits"])
        else { return nil }
        return lines.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.reduce(0, +)
    }

    private static func nvidiaSMI(_ arguments: [String]) -> [String]? {
        guard let tool = Sandbox.executable("nvidia-smi") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
