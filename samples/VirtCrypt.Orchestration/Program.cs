using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Orchestration;

// Migrates every shut-off guest whose name matches a pattern onto LUKS-encrypted volumes, one after another, and
// prints a report. Exit code: 0 every guest migrated (or, with --plan-only, every plan passed), 1 one or more were
// refused or failed (or none matched), 2 bad usage.
var connect = new Option<string>("--connect") { Description = "libvirt URI", DefaultValueFactory = _ => Hypervisor.SystemUri };
var pattern = new Option<string>("--pattern") { Description = "guest names to migrate: a glob (* and ?) over the whole name", Required = true };
var regex = new Option<bool>("--regex") { Description = "the pattern is a .NET regular expression over the whole name" };
var volumeGroup = new Option<string>("--vg") { Description = "the volume group for the new logical volumes", Required = true };
var passphraseFile = new Option<FileInfo>("--passphrase-file") { Description = "the new volumes' passphrase: this file's first line" };
var keyFile = new Option<FileInfo>("--key-file") { Description = "the new volumes' key: this file's bytes" };
var planOnly = new Option<bool>("--plan-only") { Description = "plan every guest, change nothing" };
var start = new Option<bool>("--start") { Description = "start each migrated guest" };
var jobDirectory = new Option<string>("--jobs") { Description = "where the migration journals are kept" };
var pbkdf2Iterations = new Option<int?>("--pbkdf2-iterations")
{
    Description = "derive the key with PBKDF2 and this many iterations instead of argon2id (for tests on slow machines)",
};
var verbose = new Option<bool>("--verbose") { Description = "log what the library does to standard error" };
var root = new RootCommand("Migrates every shut-off libvirt guest whose name matches a pattern onto LUKS-encrypted LVM volumes.")
{
    connect, pattern, regex, volumeGroup, passphraseFile, keyFile, planOnly, start, jobDirectory, pbkdf2Iterations, verbose,
};
root.Validators.Add(result =>
{
    var keys = (result.GetValue(passphraseFile) is null ? 0 : 1) + (result.GetValue(keyFile) is null ? 0 : 1);
    if (result.GetValue(planOnly) ? keys > 0 : keys != 1)
    {
        result.AddError("Give exactly one of --passphrase-file and --key-file (none with --plan-only).");
    }
});
root.SetAction(async (parsed, cancellationToken) =>
{
    LuksKey? key;
    try
    {
        key = parsed.GetValue(planOnly) ? null : KeySource.Read(parsed.GetValue(passphraseFile), parsed.GetValue(keyFile));
    }
    catch (Exception e) when (e is IOException or VirtCryptException)
    {
        Console.Error.WriteLine($"Cannot read the key: {e.Message}");
        return 2;
    }

    using var heldKey = key;
    var services = new ServiceCollection()
        .AddLogging(logging => logging
            .SetMinimumLevel(parsed.GetValue(verbose) ? LogLevel.Debug : LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(console => console.SingleLine = true))
        .AddVirtCrypt(options =>
        {
            options.HypervisorUri = parsed.GetValue(connect)!;
            options.JobDirectory = parsed.GetValue(jobDirectory) ?? options.JobDirectory;
        });
    await using var provider = services.BuildServiceProvider();

    try
    {
        var guests = new GuestSelector(parsed.GetValue(pattern)!, parsed.GetValue(regex)).Select(provider.GetRequiredService<Hypervisor>());
        if (guests.Count == 0)
        {
            Console.Error.WriteLine($"No shut-off guest matches '{parsed.GetValue(pattern)}'.");
            return 1;
        }

        var format = parsed.GetValue(pbkdf2Iterations) is { } iterations
            ? new LuksFormatOptions { Pbkdf = new PbkdfOptions { Algorithm = PbkdfAlgorithm.Pbkdf2, Iterations = iterations } }
            : new LuksFormatOptions();
        MigrationRequest Request(string domain) =>
            new() { Domain = domain, VolumeGroup = parsed.GetValue(volumeGroup)!, Format = format, Start = parsed.GetValue(start) };

        var batch = new BatchMigration(provider.GetRequiredService<MigrationService>(), Console.Out);
        var outcomes = await batch.RunAsync(guests, Request, key, cancellationToken);
        Console.WriteLine();
        Console.Write(ReportTable.Format(outcomes));
        return outcomes.All(o => o.Succeeded) && outcomes.Count == guests.Count ? 0 : 1;
    }
    catch (VirtCryptException e)
    {
        // libvirt or LVM could not be reached (the migrations' own failures are in the report).
        Console.Error.WriteLine(e.Message);
        return 1;
    }
});

var parsedArgs = root.Parse(args);
if (parsedArgs.Errors.Count > 0)
{
    foreach (var error in parsedArgs.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    return 2;
}

return await parsedArgs.InvokeAsync();
