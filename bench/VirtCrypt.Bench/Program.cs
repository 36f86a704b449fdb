using System.Globalization;
using VirtCrypt.Copy;

// bench/copy-bench runs this: copy SOURCE (raw|qcow2) onto TARGET (a new file, or a block device with --device)
// and print the phases' times as key=value lines.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: VirtCrypt.Bench raw|qcow2 SOURCE TARGET [--device] [--no-verify] [--request-size BYTES] [--in-flight N] [--checkpoint-interval BYTES]");
    return 2;
}

var format = args[0] == "qcow2" ? DiskFormat.Qcow2 : DiskFormat.Raw;
var target = args.Contains("--device") ? CopyTarget.BlockDevice(args[2]) : CopyTarget.File(args[2]);
var defaults = new CopyOptions();
var options = new CopyOptions
{
    Verify = !args.Contains("--no-verify"),
    RequestSize = (int?)Option("--request-size") ?? defaults.RequestSize,
    RequestsInFlight = (int?)Option("--in-flight") ?? defaults.RequestsInFlight,
    CheckpointInterval = Option("--checkpoint-interval") ?? defaults.CheckpointInterval,
};

var result = await new BlockCopier().CopyAsync(new DiskSource(args[1], format), target, options);
var culture = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(culture, $"copy_seconds={result.CopyTime.TotalSeconds:F3}"));
Console.WriteLine(string.Create(culture, $"verify_seconds={result.VerifyTime.TotalSeconds:F3}"));
Console.WriteLine(string.Create(culture, $"size={result.SourceSize} written={result.BytesWritten} zeroed={result.BytesZeroed} skipped={result.BytesSkipped} direct={result.DirectIO}"));
return 0;

long? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index > 0 ? long.Parse(args[index + 1], CultureInfo.InvariantCulture) : null;
}
