using VirtCrypt.Errors;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Unit.Libvirt;

/// <summary>A MAC address given for a clone must be one a network card can have: well-formed, unicast, not all zeros.</summary>
[TestFixture]
[Category("Unit")]
public class MacAddressesTests
{
    [TestCase("52:54:00:12:34:56", "52:54:00:12:34:56")]
    [TestCase(" 52:54:00:AB:CD:EF ", "52:54:00:ab:cd:ef")]
    [TestCase("02:00:00:00:00:01", "02:00:00:00:00:01")]
    public void AUnicastAddress_IsAccepted_InLibvirtsForm(string given, string normalized)
    {
        MacAddresses.ProblemWith(given).Should().BeNull();
        MacAddresses.Normalize(given).Should().Be(normalized);
    }

    [TestCase("01:00:5e:00:00:01")]
    [TestCase("33:33:00:00:00:01")]
    [TestCase("ff:ff:ff:ff:ff:ff")]
    [TestCase("53:54:00:12:34:56")]
    public void AMulticastOrBroadcastAddress_IsRefused(string mac)
    {
        MacAddresses.ProblemWith(mac).Should().Be(
            $"{mac} is a multicast address (the lowest bit of its first octet is set), which no network card may have: give a unicast address, like 52:54:00:12:34:56.");
        FluentActions.Invoking(() => MacAddresses.Normalize(mac)).Should().Throw<InvalidNameException>();
    }

    [Test]
    public void TheZeroAddress_IsRefused() =>
        MacAddresses.ProblemWith("00:00:00:00:00:00").Should().Be("00:00:00:00:00:00 is not a usable address: give a unicast address, like 52:54:00:12:34:56.");

    [TestCase("52:54:00:12:34")]
    [TestCase("52-54-00-12-34-56")]
    [TestCase("52:54:00:12:34:5g")]
    [TestCase("")]
    public void AMalformedAddress_IsRefused(string mac) =>
        MacAddresses.ProblemWith(mac).Should().Be($"'{mac}' is not a MAC address: write six hex pairs separated by colons, like 52:54:00:12:34:56.");
}
