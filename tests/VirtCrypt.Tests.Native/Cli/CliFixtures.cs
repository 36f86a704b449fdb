using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VirtCrypt.Tests.Native.Cli;

/// <summary>
/// Runs the built <c>virtcrypt</c> with <c>--json</c> and keeps what it printed as a fixture in ansible/tests/fixtures,
/// which the collection's Python tests parse: the documents there come from the real binary, never from a hand.
/// </summary>
internal static class CliFixtures
{
    internal static string Directory => Path.Combine(RepositoryPaths.Root, "ansible", "tests", "fixtures");

    /// <summary>Runs virtcrypt with <paramref name="input"/> on stdin (null: none) and saves the run as fixture <paramref name="name"/>.</summary>
    internal static (int Exit, JsonElement Document, string Error) Run(string name, string? input, params string[] arguments)
    {
        var (exit, output, error) = VirtcryptProcess.RunWithInput(input, arguments);
        Save(name, arguments, exit, output, error);
        using var document = JsonDocument.Parse(output);
        return (exit, document.RootElement.Clone(), error);
    }

    private static void Save(string name, string[] arguments, int exit, string output, string error)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("argv");
            writer.WriteStringValue("virtcrypt");
            foreach (var argument in arguments)
            {
                writer.WriteStringValue(argument);
            }

            writer.WriteEndArray();
            writer.WriteNumber("rc", exit);
            writer.WriteString("stdout", output);
            writer.WriteString("stderr", error);
            writer.WriteEndObject();
        }

        File.WriteAllText(Path.Combine(Directory, name + ".json"), Encoding.UTF8.GetString(stream.ToArray()) + "\n");
    }
}
