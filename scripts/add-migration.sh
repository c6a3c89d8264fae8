#!/usr/bin/env bash
# Adds a generated migration with the same name to both tracks (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh NameOfTheChange
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NameOfTheChange}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/DanVan.Migrations.$provider
  dotnet dotnet-ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
