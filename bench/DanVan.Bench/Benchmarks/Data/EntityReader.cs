using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DanVan.Bench.Benchmarks.Data;

/// <summary>
/// Reads an entity of the app's model from consecutive columns of a data reader, compiled once: for each column the
/// reader method and value converter of its EF Core mapping (what hand-written code for the entity would call), the
/// columns in the order EF Core selects an entity's properties. <see cref="Check"/> compares that order with a
/// statement's column names, so a baseline never reads a column into the wrong property.
/// </summary>
internal sealed class EntityReader<T>
    where T : class, new()
{
    private readonly IReadOnlyList<string> columns;

    public EntityReader(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new BenchException($"{typeof(T)} is not mapped");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        columns = [.. properties.Select(p => p.GetColumnName(store)!)];
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var start = Expression.Parameter(typeof(int), "start");
        var bindings = properties.Select(
            (p, i) => Expression.Bind(p.PropertyInfo!, Value(p, reader, Expression.Add(start, Expression.Constant(i))))
        );
        Read = Expression
            .Lambda<Func<DbDataReader, int, T>>(
                Expression.MemberInit(Expression.New(typeof(T)), bindings),
                reader,
                start
            )
            .Compile();
    }

    /// <summary>The entity from the columns that start at the given ordinal.</summary>
    public Func<DbDataReader, int, T> Read { get; }

    public int Width => columns.Count;

    /// <summary>Throws unless the statement's columns from <paramref name="start"/> are this entity's, in order (EF
    /// Core suffixes a repeated name with a digit).</summary>
    public void Check(IReadOnlyList<string> names, int start)
    {
        if (!Fits(names, start))
        {
            throw new BenchException(
                $"{typeof(T).Name}'s columns ({string.Join(", ", columns)}) are not at {start} of the statement's: {string.Join(", ", names)}"
            );
        }
    }

    /// <summary>Whether the statement's columns from <paramref name="start"/> are this entity's, in order.</summary>
    public bool Fits(IReadOnlyList<string> names, int start) =>
        start + columns.Count <= names.Count
        && columns
            .Select((column, i) => (column, name: names[start + i]))
            .All(x =>
                x.name == x.column || x.name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') == x.column
            );

    private static Expression Value(IProperty property, ParameterExpression reader, Expression index)
    {
        var mapping = (RelationalTypeMapping)property.GetTypeMapping();
        var method = mapping.GetDataReaderMethod();
        Expression value = Expression.Call(
            method.DeclaringType == typeof(DbDataReader) || method.DeclaringType!.IsAssignableFrom(typeof(DbDataReader))
                ? reader
                : Expression.Convert(reader, method.DeclaringType),
            method,
            index
        );
        value = mapping.CustomizeDataReaderExpression(value);
        if (mapping.Converter is { } converter)
        {
            var from = converter.ConvertFromProviderExpression;
            value = new Replace(from.Parameters[0], Expression.Convert(value, from.Parameters[0].Type)).Visit(
                from.Body
            );
        }

        if (value.Type != property.ClrType)
        {
            value = Expression.Convert(value, property.ClrType);
        }

        return property.IsNullable
            ? Expression.Condition(
                Expression.Call(reader, typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull))!, index),
                Expression.Default(property.ClrType),
                value
            )
            : value;
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
