using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CampaignStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No schema change: campaigns became facts of the statistics catalogue (campaigns.started,
            // campaigns.running). DatabaseInitializer recomputes the summary rows when this migration is applied
            // (StatisticRuleChanges), so the campaigns already recorded count.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
