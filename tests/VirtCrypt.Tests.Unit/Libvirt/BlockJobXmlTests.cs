using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Unit.Libvirt;

/// <summary>What the live XML and the job info tell about a block copy, as libvirt 9 writes them.</summary>
[TestFixture]
[Category("Unit")]
public class BlockJobXmlTests
{
    private const string LiveXml = """
        <domain type='kvm' id='3'>
          <name>mail</name>
          <devices>
            <disk type='file' device='disk'>
              <driver name='qemu' type='raw'/>
              <source file='/var/lib/libvirt/images/mail.img' index='1'/>
              <backingStore/>
              <mirror type='block' job='copy' ready='yes'>
                <format type='raw'/>
                <source dev='/dev/mapper/cr_mail_vda' index='3'/>
              </mirror>
              <target dev='vda' bus='virtio'/>
            </disk>
            <disk type='file' device='disk'>
              <driver name='qemu' type='qcow2'/>
              <source file='/var/lib/libvirt/images/data.qcow2' index='2'/>
              <backingStore type='file' index='4'>
                <format type='qcow2'/>
                <source file='/var/lib/libvirt/images/base.qcow2'/>
                <backingStore/>
              </backingStore>
              <mirror type='block' job='copy'>
                <format type='raw'/>
                <source dev='/dev/mapper/cr_mail_vdb' index='5'/>
              </mirror>
              <target dev='vdb' bus='virtio'/>
            </disk>
            <disk type='block' device='disk'>
              <driver name='qemu' type='raw'/>
              <source dev='/dev/mapper/cr_mail_vdc' index='6'/>
              <backingStore/>
              <target dev='vdc' bus='virtio'/>
            </disk>
          </devices>
        </domain>
        """;

    [Test]
    public void Mirror_IsReadFromTheLiveXml()
    {
        var disks = DomainDefinition.Parse(LiveXml).Disks;

        disks.Select(d => (d.Target, d.MirrorPath, d.IsMirrorReady)).Should().Equal(
            ("vda", "/dev/mapper/cr_mail_vda", true), ("vdb", "/dev/mapper/cr_mail_vdb", false), ("vdc", null, false));
    }

    [Test]
    public void BackingChain_IsAnEmptyBackingStoreOrNone()
    {
        var disks = DomainDefinition.Parse(LiveXml).Disks;

        disks.Select(d => d.HasBackingChain).Should().Equal(false, true, false);
    }

    [TestCase(0, 0, false)]
    [TestCase(0, 1, false)]
    [TestCase(99, 100, false)]
    [TestCase(100, 100, true)]
    public void Job_IsReady_OnlyWhenLibvirtReportsItComplete(long current, long end, bool ready) =>
        new BlockJobInfo(BlockJobType.Copy, 0, current, end).IsReady.Should().Be(ready);
}
