using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Units;
using static DanVan.Demo.DemoDialogues;

namespace DanVan.Demo;

/// <summary>The minutes and conclusions of the held sessions.</summary>
internal sealed partial class SessionPlanner
{
    /// <summary>Minutes and conclusions of a held session, in line with the petitions it raised.</summary>
    private void Describe(PlannedSession s)
    {
        var d = s.Row;
        if (d.HeldOn > Today)
        {
            return;
        }

        var title = Title(s.Unit);
        var province = s.Unit.Level == UnitLevel.Province;
        var focus = DialogueTexts.FocusText.GetValueOrDefault(s.Focus ?? "", "đất đai, hạ tầng và môi trường");
        switch (d.Type)
        {
            case DialogueType.PeriodicReception:
                d.CitizenCount = s.Quota + random.Next(1, 12);
                d.Minutes =
                    (
                        d.HeldByPartyHead
                            ? $"{d.ChairPosition} trực tiếp tiếp {d.CitizenCount} lượt công dân. "
                            : $"{d.ChairPosition} tiếp công dân thay Bí thư (đi công tác), {d.CitizenCount} lượt công dân. "
                    )
                    + (
                        s.Quota > 0
                            ? $"Tiếp nhận {s.Quota} kiến nghị, phản ánh; đã phân loại và chuyển cơ quan có thẩm quyền giải quyết."
                            : "Không phát sinh kiến nghị mới; các nội dung công dân hỏi đã được giải thích, hướng dẫn trực tiếp."
                    );
                d.Conclusions =
                    province
                        ? "Giao Ban Tiếp công dân tỉnh theo dõi, đôn đốc các sở, ngành và UBND cấp xã giải quyết, trả lời công dân theo thẩm quyền."
                    : s.Quota > 0
                        ? $"Giao Văn phòng HĐND và UBND {title} theo dõi, đôn đốc các cơ quan được giao trả lời công dân đúng thời hạn; vụ việc phức tạp báo cáo Ban Thường vụ Đảng ủy."
                    : "Tiếp tục duy trì lịch tiếp công dân định kỳ theo quy định.";
                break;
            case DialogueType.DialogueConference:
                d.Minutes =
                    $"Hội nghị có {d.CitizenCount} người dân, {d.OfficialCount} đại biểu là cán bộ, đảng viên"
                    + (d.BusinessCount > 0 ? $" và {d.BusinessCount} doanh nghiệp" : "")
                    + $" tham dự. Chủ tịch UBND {title} báo cáo tình hình thực hiện nhiệm vụ và những nội dung Nhân dân quan tâm. "
                    + $"Có {s.Quota + random.Next(3, 12)} lượt ý kiến phát biểu; {s.Quota} kiến nghị được ghi nhận, tập trung vào {focus}.";
                d.Conclusions =
                    $"Chủ tịch UBND {title} trả lời trực tiếp các ý kiến thuộc thẩm quyền; giao các bộ phận chuyên môn trả lời bằng văn bản "
                    + $"{s.Quota} kiến nghị trong thời hạn 20 ngày làm việc. Kết quả hội nghị được niêm yết tại trụ sở UBND và gửi các trưởng thôn, tổ trưởng tổ dân phố.";
                break;
            case DialogueType.AdHocDialogue:
                d.Minutes =
                    $"Đối thoại với {d.CitizenCount} người dân; {s.Quota} ý kiến, kiến nghị được ghi nhận về {focus}.";
                d.Conclusions = province
                    ? "Giao các sở, ngành và UBND cấp xã liên quan rà soát từng trường hợp, trả lời bằng văn bản và báo cáo kết quả lên UBND tỉnh."
                    : $"Thống nhất tiếp tục rà soát từng trường hợp; giao UBND {title} trả lời bằng văn bản cho các hộ trong thời hạn quy định.";
                break;
            default:
                d.Minutes =
                    $"{d.BusinessCount} doanh nghiệp, hợp tác xã tham dự; {s.Quota} kiến nghị về thủ tục đầu tư, đất đai, hạ tầng và lao động được ghi nhận.";
                d.Conclusions =
                    "Giao các cơ quan chuyên môn giải quyết dứt điểm kiến nghị thuộc thẩm quyền trong 20 ngày làm việc; tổng hợp kiến nghị vượt thẩm quyền báo cáo cấp trên.";
                break;
        }
    }
}
