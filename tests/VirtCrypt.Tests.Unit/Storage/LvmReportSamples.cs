namespace VirtCrypt.Tests.Unit.Storage;

/// <summary>
/// Report output captured for real from liblvm2cmd 2.03.16 (the lines its log function delivered from
/// libdm-report.c and display.c) inside the nested test host: a VG "vg0" with 1 MiB extents on two 64 MiB loop PVs,
/// a third PV in no VG, LV "data" (20 MiB, active, held open by one descriptor) and LV "swap.old" (3 MiB, inactive).
/// </summary>
internal static class LvmReportSamples
{
    internal const string Vgs = """
{
    "report": [
        {
            "vg": [
                {"vg_name":"vg0", "vg_uuid":"aeZ6g0-IbFi-YugS-pRTh-DPAV-Njkv-bmlNKH", "vg_size":"132120576", "vg_free":"108003328", "vg_extent_size":"1048576", "vg_extent_count":"126", "vg_free_count":"103", "lv_count":"2"}
            ]
        }
    ]
}
""";

    internal const string VgsWithCommandLog = """
{
    "report": [
        {
            "vg": [
                {"vg_name":"vg0", "vg_uuid":"aeZ6g0-IbFi-YugS-pRTh-DPAV-Njkv-bmlNKH", "vg_size":"132120576", "vg_free":"108003328", "vg_extent_size":"1048576", "vg_extent_count":"126", "vg_free_count":"103", "lv_count":"2"}
            ]
        }
    ]
    ,
    "log": [
    ]
}
""";

    internal const string VgsOfNoVolumeGroup = """
{
    "report": [
        {
            "vg": [
            ]
        }
    ]
}
""";

    internal const string Pvs = """
{
    "report": [
        {
            "pv": [
                {"pv_name":"/dev/loop0", "vg_name":"vg0", "pv_uuid":"Pi18bV-AFna-sbme-M7U4-ejp6-18WK-DiGrcZ", "pv_size":"66060288", "pv_free":"41943040"},
                {"pv_name":"/dev/loop1", "vg_name":"vg0", "pv_uuid":"XNUolY-MhVG-ddhV-XZHd-zZpc-wnqp-NiHByD", "pv_size":"66060288", "pv_free":"66060288"},
                {"pv_name":"/dev/loop2", "vg_name":"", "pv_uuid":"OJyl3x-dA3E-Ozvd-dFdH-kJJY-n4ee-0T4z90", "pv_size":"67108864", "pv_free":"67108864"}
            ]
        }
    ]
}
""";

    internal const string Lvs = """
{
    "report": [
        {
            "lv": [
                {"vg_name":"vg0", "lv_name":"data", "lv_uuid":"d1syMv-o5rt-VVda-5WXz-VhB4-ekWt-0Xy6cU", "lv_path":"/dev/vg0/data", "lv_size":"20971520", "lv_tags":"virtcrypt_job_1", "lv_suspended":"suspended"},
                {"vg_name":"vg0", "lv_name":"swap.old", "lv_uuid":"r3gOBf-yDPz-4cRu-EizL-seXY-83ub-rTOnid", "lv_path":"/dev/vg0/swap.old", "lv_size":"3145728", "lv_tags":"", "lv_suspended":""}
            ]
        }
    ]
}
""";

    internal const string LvdisplayColon = """
/dev/vg0/data:vg0:3:1:-1:1:40960:20:-1:0:-1:254:0
/dev/vg0/swap.old:vg0:3:0:-1:0:6144:3:-1:0:-1:-1:-1
""";

    internal static IReadOnlyList<string> Lines(string sample) => sample.Split('\n');
}
