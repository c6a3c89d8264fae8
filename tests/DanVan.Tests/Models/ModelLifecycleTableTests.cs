using DanVan.Web.Features.Models;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Models;

/// <summary>The lifecycle table itself: pure rules, no database.</summary>
public sealed class ModelLifecycleTableTests
{
    private sealed class User(params Grant[] grants) : ICurrentUser
    {
        public int? AccountId => 1;
        public string? DisplayName => "test";
        public bool IsAuthenticated => true;
        public IReadOnlyList<Grant> Grants { get; } = grants;
        public Grant? Active => Grants.FirstOrDefault();
        public string? RemoteAddress => null;
    }

    private static Grant At(Role role, UnitLevel level, int id, int? province, int? commune) =>
        new(1, role, id, "u", level, province, commune, null, null);

    private static MobilizationModel CommuneModel(ModelStatus status) =>
        new()
        {
            UnitId = 20,
            UnitLevel = UnitLevel.Commune,
            ProvinceId = 10,
            CommuneId = 20,
            Status = status,
        };

    [Fact]
    public void Every_status_but_the_final_ones_has_a_way_forward_and_every_step_leads_somewhere_else()
    {
        foreach (var status in Enum.GetValues<ModelStatus>().Except([ModelStatus.Commended, ModelStatus.Withdrawn]))
        {
            Assert.NotEmpty(ModelLifecycle.From(status));
        }

        Assert.Empty(ModelLifecycle.From(ModelStatus.Commended));
        Assert.Empty(ModelLifecycle.From(ModelStatus.Withdrawn));
        Assert.All(ModelLifecycle.Transitions, t => Assert.DoesNotContain(t.To, t.From));
        Assert.Equal(
            Enum.GetValues<ModelAction>().Length,
            ModelLifecycle.Transitions.Select(t => t.Action).Distinct().Count()
        );
    }

    [Theory]
    [InlineData(ModelStatus.Draft, ModelAction.Register, true)]
    [InlineData(ModelStatus.Draft, ModelAction.Launch, false)]
    [InlineData(ModelStatus.Registered, ModelAction.Inspect, false)]
    [InlineData(ModelStatus.Implementing, ModelAction.Inspect, true)]
    [InlineData(ModelStatus.Implementing, ModelAction.Recognize, false)]
    [InlineData(ModelStatus.Inspected, ModelAction.Recognize, true)]
    [InlineData(ModelStatus.Inspected, ModelAction.Commend, false)]
    [InlineData(ModelStatus.Recognized, ModelAction.Commend, true)]
    [InlineData(ModelStatus.Recognized, ModelAction.Withdraw, false)]
    [InlineData(ModelStatus.NotRecognized, ModelAction.Resume, true)]
    [InlineData(ModelStatus.Suspended, ModelAction.Resume, true)]
    [InlineData(ModelStatus.Withdrawn, ModelAction.Resume, false)]
    public void Steps_are_allowed_only_from_their_statuses(ModelStatus status, ModelAction action, bool allowed) =>
        Assert.Equal(allowed, ModelLifecycle.Allows(status, action));

    [Fact]
    public void The_commission_one_level_up_inspects_and_leaders_recognize_only_at_their_level_or_below()
    {
        var model = CommuneModel(ModelStatus.Implementing);
        var communeOfficer = new User(At(Role.Officer, UnitLevel.Commune, 20, 10, 20));
        var provinceOfficer = new User(At(Role.Officer, UnitLevel.Province, 10, 10, null));
        var otherProvinceOfficer = new User(At(Role.Officer, UnitLevel.Province, 11, 11, null));
        var inspect = ModelLifecycle.Of(ModelAction.Inspect);
        Assert.False(ModelLifecycle.MayAct(communeOfficer, model, inspect, null));
        Assert.True(ModelLifecycle.MayAct(provinceOfficer, model, inspect, null));
        Assert.False(ModelLifecycle.MayAct(otherProvinceOfficer, model, inspect, null));

        var communeLeader = new User(At(Role.Leader, UnitLevel.Commune, 20, 10, 20));
        var provinceLeader = new User(At(Role.Leader, UnitLevel.Province, 10, 10, null));
        Assert.Equal([RecognitionLevel.Commune], ModelLifecycle.LevelsFor(communeLeader, model));
        Assert.Equal(
            [RecognitionLevel.Commune, RecognitionLevel.Province],
            ModelLifecycle.LevelsFor(provinceLeader, model)
        );
        Assert.Empty(ModelLifecycle.LevelsFor(provinceOfficer, model));

        // A province-level model is never recognized at commune level.
        var provinceModel = new MobilizationModel
        {
            UnitId = 10,
            UnitLevel = UnitLevel.Province,
            ProvinceId = 10,
            Status = ModelStatus.Inspected,
        };
        Assert.Equal([RecognitionLevel.Province], ModelLifecycle.LevelsFor(provinceLeader, provinceModel));
        Assert.False(ModelLifecycle.MayAct(provinceOfficer, provinceModel, inspect, null));
        Assert.True(
            ModelLifecycle.MayAct(
                new User(At(Role.Officer, UnitLevel.Central, 1, null, null)),
                provinceModel,
                inspect,
                null
            )
        );
    }
}
