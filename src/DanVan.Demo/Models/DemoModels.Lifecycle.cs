using DanVan.Web.Features.Models;
using DanVan.Web.Features.Units;

namespace DanVan.Demo;

/// <summary>The demo models' lifecycles: a model and its events and results, walked up to the status it was
/// drawn.</summary>
internal static partial class DemoModels
{
    private static MobilizationModel Make(
        Unit unit,
        int organizationId,
        ModelKind kind,
        int fieldId,
        string name,
        string tags,
        string? person
    )
    {
        var model = new MobilizationModel
        {
            OrganizationId = organizationId,
            Kind = kind,
            FieldId = fieldId,
            Name = name,
            Tags = tags,
            PersonName = person,
            PublishPersonName = person is not null,
            IsPublic = true,
            CreatedAt = DateTime.UtcNow,
            Situation =
                $"Trước khi triển khai, {unit.Name} còn nhiều khó khăn; nhân dân chưa thật sự đồng thuận, cách làm còn hình thức.",
            Goals =
                "Huy động sự tham gia tự nguyện của nhân dân; tiêu chí: số hộ tham gia, ngày công, kinh phí vận động, mức độ hài lòng.",
            Content =
                "Tuyên truyền, vận động từng hộ; cán bộ, đảng viên gương mẫu đi đầu; công khai, minh bạch; sơ kết rút kinh nghiệm hằng quý.",
            AreaAndBeneficiaries =
                $"Địa bàn {unit.Name}; đối tượng thụ hưởng là các hộ gia đình và người dân trên địa bàn.",
            Forces =
                "Cấp ủy chủ trì; Mặt trận Tổ quốc và các đoàn thể phối hợp; chi bộ, ban công tác Mặt trận thôn tham gia trực tiếp.",
            Resources =
                "Ngân sách hỗ trợ một phần; nhân dân đóng góp ngày công, hiến đất; nguồn xã hội hóa từ doanh nghiệp, con em xa quê.",
            Timeline = "Triển khai trong 12 tháng; sơ kết sau 6 tháng; đánh giá, đề nghị công nhận khi kết thúc.",
            Outputs =
                "Biên bản, số liệu kết quả theo từng chỉ tiêu, hình ảnh công trình, ý kiến đánh giá của nhân dân.",
            Sustainability =
                "Có quy chế duy trì, tổ tự quản thường xuyên; cách làm đơn giản, các địa phương khác có thể học tập, nhân rộng.",
        };
        model.TargetGroup = "Hộ gia đình, đoàn viên, hội viên";
        ModelRules.PlaceIn(model, unit);
        model.SearchText = ModelRules.SearchTextOf(model);
        return model;
    }

    /// <summary>Takes a model through its lifecycle up to <paramref name="target"/>, with dates in order and never
    /// after today.</summary>
    private static (MobilizationModel, List<ModelEvent>, List<ModelResult>) Walk(
        MobilizationModel model,
        ModelStatus target,
        DateOnly start,
        RecognitionLevel level,
        DateOnly today,
        Random random,
        Dictionary<string, ResultIndicator> indicators
    )
    {
        var events = new List<ModelEvent>();
        var results = new List<ModelResult>();
        model.StartDate = start;
        model.EvaluationDate = start.AddMonths(12);
        var day = start.AddDays(-random.Next(5, 20));
        DateOnly Next(int min, int max)
        {
            day = day.AddDays(random.Next(min, max));
            if (day > today)
            {
                day = today;
            }

            return day;
        }

        void Step(ModelAction action, DateOnly on, string? note = null)
        {
            var from = model.Status;
            model.Status = ModelLifecycle.Of(action).To;
            events.Add(
                new ModelEvent
                {
                    Action = action,
                    From = from,
                    To = model.Status,
                    On = on,
                    At = on.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc),
                    ActorName = Actor,
                    Note = note,
                }
            );
        }

        if (target == ModelStatus.Draft)
        {
            model.Outputs = null;
            model.Sustainability = null;
            return (model, events, results);
        }

        model.RegisteredOn = Next(0, 1);
        Step(ModelAction.Register, model.RegisteredOn.Value);
        if (target == ModelStatus.Withdrawn && random.Next(2) == 0)
        {
            model.StatusNote = "Địa bàn sáp nhập, nội dung trùng với mô hình khác.";
            Step(ModelAction.Withdraw, Next(20, 60), model.StatusNote);
            return (model, events, results);
        }

        if (target == ModelStatus.Registered)
        {
            return (model, events, results);
        }

        model.LaunchedOn = Next(10, 40);
        model.LaunchCommitments = "Các hộ ký cam kết tham gia; phân công cán bộ, đảng viên phụ trách từng cụm dân cư.";
        Step(ModelAction.Launch, model.LaunchedOn.Value, model.LaunchCommitments);
        if (target == ModelStatus.Launched)
        {
            return (model, events, results);
        }

        Step(ModelAction.Implement, Next(3, 15));
        AddResults(model, results, random, indicators, model.StartDate!.Value.Year, today.Year);
        if (target is ModelStatus.Implementing)
        {
            return (model, events, results);
        }

        if (target is ModelStatus.Suspended or ModelStatus.Withdrawn)
        {
            model.StatusNote =
                target == ModelStatus.Suspended
                    ? "Tạm dừng do điều chỉnh quy hoạch, chờ bố trí kinh phí."
                    : "Không còn phù hợp sau sắp xếp đơn vị hành chính.";
            Step(
                target == ModelStatus.Suspended ? ModelAction.Suspend : ModelAction.Withdraw,
                Next(60, 200),
                model.StatusNote
            );
            return (model, events, results);
        }

        model.InspectedOn = Next(180, 330);
        model.InspectionFindings =
            "Đoàn kiểm tra của Ban Dân vận cấp trên ghi nhận mô hình triển khai đúng nội dung đăng ký, kết quả rõ, nhân dân đồng tình.";
        Step(ModelAction.Inspect, model.InspectedOn.Value, model.InspectionFindings);
        if (target == ModelStatus.Inspected)
        {
            return (model, events, results);
        }

        if (target == ModelStatus.NotRecognized)
        {
            model.NotRecognizedReason = "Kết quả chưa rõ nét, chưa có khả năng nhân rộng; đề nghị tiếp tục củng cố.";
            Step(ModelAction.Reject, Next(20, 60), model.NotRecognizedReason);
            return (model, events, results);
        }

        model.RecognizedOn = Next(20, 60);
        model.RecognitionLevel = level;
        model.RecognitionDecision =
            $"{random.Next(10, 999)}/QĐ-{(level == RecognitionLevel.Province ? "BCĐ" : "BCĐX")}";
        model.RecognitionIssuer =
            level == RecognitionLevel.Province
                ? "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” tỉnh Bắc Ninh"
                : "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” cấp xã";
        Step(ModelAction.Recognize, model.RecognizedOn.Value, null);
        if (target == ModelStatus.Recognized)
        {
            return (model, events, results);
        }

        model.CommendedOn = Next(15, 90);
        model.CommendationForm =
            level == RecognitionLevel.Province ? CommendationForm.CertificateOfMerit : CommendationForm.Commendation;
        model.CommendationDecision = $"{random.Next(100, 3000)}/QĐ-UBND";
        model.CommendationIssuer =
            level == RecognitionLevel.Province
                ? "Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh"
                : "Chủ tịch Ủy ban nhân dân xã";
        Step(ModelAction.Commend, model.CommendedOn.Value, null);
        return (model, events, results);
    }

    private static void AddResults(
        MobilizationModel model,
        List<ModelResult> results,
        Random random,
        Dictionary<string, ResultIndicator> indicators,
        int fromYear,
        int toYear
    )
    {
        var codes = indicators.Keys.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        foreach (var code in codes)
        {
            var indicator = indicators[code];
            double scale = code switch
            {
                "land-donated" => 2_000,
                "money-mobilized" => 300_000_000,
                "road-built" => 3,
                "workdays" => 800,
                "households" => 150,
                "members" => 120,
                _ => 2,
            };
            for (var year = fromYear; year <= Math.Min(toYear, fromYear + 2); year++)
            {
                var target = Math.Round(scale * (0.5 + random.NextDouble()), indicator.WholeNumbers ? 0 : 1);
                var actual = Math.Round(target * (0.6 + (random.NextDouble() * 0.7)), indicator.WholeNumbers ? 0 : 1);
                results.Add(
                    new ModelResult
                    {
                        IndicatorId = indicator.Id,
                        Year = year,
                        Target = target,
                        Actual = actual,
                    }
                );
            }
        }
    }
}
