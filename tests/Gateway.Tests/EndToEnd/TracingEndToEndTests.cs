using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Text;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>One swipe is one trace: the gateway's HTTP span, the grain calls (Orleans activity propagation) and the storage commit it waited for.</summary>
// Its own host: the gateway it adds keeps a tracer provider that hears every activity in the process until the host stops.
public sealed class TracingEndToEndTests(SettlementHost host) : IClassFixture<SettlementHost>
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task One_settlement_is_one_trace_from_the_gateway_through_the_person_grain_to_the_storage_commit()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 10m);
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var spans = new LockedCollection();
        var serverEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = await host.AddGatewayAsync(services => services.AddMedisettleTelemetry(
            "e2e", tracing: tracing => tracing.AddInMemoryExporter(spans).AddProcessor(new ServerSpanEnd(traceId, serverEnded))));
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{callerSpan}-01");

        var body = SettlementHost.Envelope("2102", Inputs.Pharmacy(psn, 3m, Inputs.Drug(3m)), SettlementHost.Pharmacy, host.NewMsgid(SettlementHost.Pharmacy));
        var answer = await host.SendAsync(Encoding.UTF8.GetBytes(body.ToJsonString()), SettlementHost.Pharmacy, via: client);
        await serverEnded.Task.WaitAsync(SafetyTimeout);

        Assert.Equal(0, answer.Infcode);
        var trace = spans.Snapshot().Where(span => span.TraceId == traceId).ToList();

        var server = Assert.Single(trace, IsHttpRequest);
        Assert.Equal(callerSpan, server.ParentSpanId);
        var settleCall = Assert.Single(trace, span => span.Kind == ActivityKind.Client && IsPersonSettle(span));
        var settleRun = Assert.Single(trace, span => span.Kind == ActivityKind.Server && IsPersonSettle(span));
        Assert.True(IsAncestor(trace, server, settleCall), "the client grain call is inside the HTTP request's span");
        Assert.Equal(settleCall.SpanId, settleRun.ParentSpanId);
        var wait = Assert.Single(trace, span => span.OperationName == StorageTelemetry.WaitSpanName && IsAncestor(trace, settleRun, span));
        Assert.Equal("person", wait.GetTagItem("medisettle.state_name"));
        var link = Assert.Single(wait.Links);
        var transaction = Assert.Single(spans.Snapshot(), span => span.SpanId == link.Context.SpanId);

        Assert.Equal(StorageTelemetry.TransactionSpanName, transaction.OperationName);
        Assert.Equal(default, transaction.ParentSpanId);
        Assert.Contains(transaction.Links, back => back.Context.SpanId == wait.SpanId);
    }

    private static bool IsHttpRequest(Activity span) =>
        span.Kind == ActivityKind.Server && span.Source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);

    private static bool IsPersonSettle(Activity span) =>
        span.Source.Name == "Microsoft.Orleans.Application" && span.OperationName == "IPersonGrain/SettleAsync"
        && (span.GetTagItem("orleans.rpc.service") as string) == typeof(Interfaces.Grains.IPersonGrain).FullName;

    private static bool IsAncestor(List<Activity> trace, Activity ancestor, Activity span)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The exporter's list: spans of every test in the process arrive here, from many threads.</summary>
    private sealed class LockedCollection : Collection<Activity>
    {
        public List<Activity> Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }
    }

    /// <summary>Signals when the HTTP request's span of the trace has ended (it ends after the response was sent).</summary>
    private sealed class ServerSpanEnd(ActivityTraceId traceId, TaskCompletionSource ended) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.TraceId == traceId && IsHttpRequest(data))
            {
                ended.TrySetResult();
            }
        }
    }
}
