using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProgramStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ApprovedOnTime",
                table: "WorkPrograms",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParentItemCount",
                table: "WorkPrograms",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ParentItemsCovered",
                table: "WorkPrograms",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueOn",
                table: "ProgramItems",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovedOnTime",
                table: "WorkPrograms");

            migrationBuilder.DropColumn(
                name: "ParentItemCount",
                table: "WorkPrograms");

            migrationBuilder.DropColumn(
                name: "ParentItemsCovered",
                table: "WorkPrograms");

            migrationBuilder.DropColumn(
                name: "DueOn",
                table: "ProgramItems");
        }
    }
}
