using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GradCheck.Cli.Commands;

/// <summary>Settings of <c>gradcheck run</c>.</summary>
internal sealed class RunSettings : CheckSettings
{
    [CommandArgument(0, "<ASSEMBLY>")]
    [Description("A compiled assembly (.dll) with public static [[GradientCheckCase]] methods returning CheckCase (CheckCase.Function, Model, Jacobian, Vjp, Jvp, Hessian, Taylor, Descent, Create); its dependencies are resolved from its .deps.json.")]
    public string Assembly { get; init; } = "";

    public override ValidationResult Validate()
    {
        if (!File.Exists(Assembly)) return ValidationResult.Error($"Assembly not found: {Assembly}");
        return base.Validate();
    }
}
