using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GradCheck.Analyzers;

/// <summary>
/// GC0001: the report of a gradient check is discarded. A check returns its verdict instead of throwing, so a
/// statement like <c>GradientCheck.Run(f, g, x);</c> lets a wrong gradient pass silently; PyTorch's gradcheck raises
/// by default for the same reason. Calling <c>.ThrowIfFailed()</c> on it, storing it, or discarding it explicitly
/// with <c>_ = ...</c> is not reported.
/// </summary>
/// <remarks>
/// A "check" is any public static method of a type in a GradCheck namespace whose return type, also in a GradCheck
/// namespace, has a public parameterless <c>ThrowIfFailed()</c>: GradientCheck.Run, ModelCheck.Run, TaylorTest.Run,
/// DescentCheck.Run, JacobianCheck.Run, HessianCheck.Run, TorchGradCheck.Run/GradGradCheck/RunModule and any check
/// added later with a report of that shape, with no list to keep in step.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DiscardedReportAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic id.</summary>
    public const string DiagnosticId = "GC0001";

    private const string ThrowIfFailed = "ThrowIfFailed";

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticId,
        title: "The report of a gradient check is discarded",
        messageFormat: "The {0} returned by {1} is discarded, so a failed check passes silently: call .ThrowIfFailed() on it, or assert on its Passed",
        category: "Usage",
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "GradCheck's checks return a report instead of throwing. A report nobody reads must not look like a pass: call ThrowIfFailed(), assert on Passed, or write '_ = ...' to discard it on purpose.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeStatement, OperationKind.ExpressionStatement);
    }

    private static void AnalyzeStatement(OperationAnalysisContext context)
    {
        var statement = (IExpressionStatementOperation)context.Operation;
        if (statement.Operation is not IInvocationOperation invocation) return;

        var method = invocation.TargetMethod;
        if (!method.IsStatic || !IsInGradCheckNamespace(method.ContainingType) || !IsReport(method.ReturnType)) return;

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            invocation.Syntax.GetLocation(),
            method.ReturnType.Name,
            method.ContainingType.Name + "." + method.Name));
    }

    private static bool IsReport(ITypeSymbol type) =>
        type is INamedTypeSymbol named && IsInGradCheckNamespace(named) && DeclaresThrowIfFailed(named);

    /// <summary>The type or a base type declares it: a JacobianReport inherits GradientReport's.</summary>
    private static bool DeclaresThrowIfFailed(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (t.GetMembers(ThrowIfFailed).OfType<IMethodSymbol>().Any(m =>
                    !m.IsStatic && m.Parameters.IsEmpty && m.DeclaredAccessibility == Accessibility.Public))
                return true;
        }
        return false;
    }

    private static bool IsInGradCheckNamespace(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: "GradCheck" };
    }
}
