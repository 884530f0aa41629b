using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.CorpusPlugin;

// A few corpus account types get a check, the rest are saved with Apply only.

[Export(typeof(IAccountValidator))]
public sealed class PostgresSourceValidator() : HostCheckValidator("corpus.source-postgres", "host");

[Export(typeof(IAccountValidator))]
public sealed class SnowflakeDestinationValidator() : HostCheckValidator("corpus.destination-snowflake", "host");

[Export(typeof(IAccountValidator))]
public sealed class MssqlSourceValidator() : HostCheckValidator("corpus.source-mssql", "host");
