using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <summary>No schema change: the statistics' summary rows are recomputed after it (reception days are those of
    /// the Party committee's head, and the days due are new; see DatabaseInitializer).</summary>
    public partial class ReceptionDaysDue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
