using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Unit.Migration;

[TestFixture]
[Category("Unit")]
public class ReadRateProbeTests
{
    [Test]
    public void AReadableVolume_HasARate_AndIsNotWritten()
    {
        var path = Path.Combine(Path.GetTempPath(), $"virtcrypt-read-rate-{Guid.NewGuid():N}.img");
        var content = new byte[3 << 20];
        Random.Shared.NextBytes(content);
        File.WriteAllBytes(path, content);
        try
        {
            var written = File.GetLastWriteTimeUtc(path);

            ReadRateProbe.Measure(path, NullLogger.Instance).Should().BePositive();

            File.ReadAllBytes(path).Should().Equal(content);
            File.GetLastWriteTimeUtc(path).Should().Be(written);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AMissingVolume_HasNoRate() =>
        ReadRateProbe.Measure("/nonexistent/virtcrypt-volume", NullLogger.Instance).Should().BeNull();
}
