namespace VirtCrypt.Tests.Integration.Support;

/// <summary>Guards the Integration tier: it runs only inside the nested test host (tests/testhost/run).</summary>
internal static class TestHost
{
    internal static void Require()
    {
        if (Environment.GetEnvironmentVariable("VIRTCRYPT_TESTHOST") != "1")
        {
            Assert.Fail("Integration tests run inside the nested test host: use scripts/test (or tests/testhost/run).");
        }
    }
}
