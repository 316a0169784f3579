using System.Text;
using GradCheck.Build;

namespace GradCheck.Build.Tests;

/// <summary>Unit tests of eng/TorchSharpNativeFix/ElfVersionPatcher.cs on small synthetic ELF images.</summary>
public sealed class ElfVersionPatcherTests
{
    private const string Libstdcxx = "libstdc++.so.6";
    private const string Needed = "GLIBCXX_3.4.32";

    [Fact]
    public void ReadsVersionNeedsAndDefinitions()
    {
        var image = SyntheticElf.Build();

        var needs = ElfVersionPatcher.ReadVersionNeeds(image).Select(n => n.ToString()).ToArray();
        Assert.Equal(new[] { "libstdc++.so.6:GLIBCXX_3.4.9", "libstdc++.so.6:GLIBCXX_3.4.32", "libc.so.6:GLIBC_2.2.5" }, needs);
        Assert.Equal(new[] { "libfake.so", "GLIBCXX_3.4.30" }, ElfVersionPatcher.ReadVersionDefinitions(image));
        Assert.Equal(62, ElfVersionPatcher.ReadMachine(image)); // EM_X86_64
    }

    [Fact]
    public void MarksOnlyTheRequestedEntryWeakAndIsIdempotent()
    {
        var image = SyntheticElf.Build();
        var original = (byte[])image.Clone();

        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionPatcher.MarkVersionNeedWeak(image, Libstdcxx, Needed));
        var need = ElfVersionPatcher.FindNeed(image, Libstdcxx, Needed);
        Assert.NotNull(need);
        Assert.True(need!.IsWeak);
        Assert.Equal(ElfVersionPatcher.VerFlagWeak, need.Flags);

        // Exactly the two bytes of that vna_flags changed.
        var changed = Enumerable.Range(0, image.Length).Where(i => image[i] != original[i]).ToArray();
        Assert.Equal(new[] { (int)need.FlagsOffset }, changed);
        Assert.All(ElfVersionPatcher.ReadVersionNeeds(image).Where(n => n.Version != Needed), n => Assert.False(n.IsWeak));

        var once = (byte[])image.Clone();
        Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfVersionPatcher.MarkVersionNeedWeak(image, Libstdcxx, Needed));
        Assert.Equal(once, image);
    }

    [Fact]
    public void ReportsAMissingRequirement()
    {
        var image = SyntheticElf.Build();
        var original = (byte[])image.Clone();
        Assert.Equal(ElfPatchOutcome.NotRequired, ElfVersionPatcher.MarkVersionNeedWeak(image, Libstdcxx, "GLIBCXX_3.4.99"));
        Assert.Equal(ElfPatchOutcome.NotRequired, ElfVersionPatcher.MarkVersionNeedWeak(image, "libc.so.6", Needed));
        Assert.Equal(original, image);
    }

    [Fact]
    public void PatchIsNeededOnlyWhenTheSystemLacksTheVersion()
    {
        var image = SyntheticElf.Build();
        Assert.True(ElfVersionPatcher.NeedsPatch(image, Libstdcxx, Needed, new[] { "GLIBCXX_3.4", "GLIBCXX_3.4.30" }));
        Assert.False(ElfVersionPatcher.NeedsPatch(image, Libstdcxx, Needed, new[] { "GLIBCXX_3.4.30", "GLIBCXX_3.4.32" }));
        Assert.True(ElfVersionPatcher.NeedsPatch(image, Libstdcxx, Needed, systemVersions: null)); // unknown: patch (harmless)
        Assert.False(ElfVersionPatcher.NeedsPatch(image, Libstdcxx, "GLIBCXX_3.4.99", systemVersions: null));

        ElfVersionPatcher.MarkVersionNeedWeak(image, Libstdcxx, Needed);
        Assert.False(ElfVersionPatcher.NeedsPatch(image, Libstdcxx, Needed, new[] { "GLIBCXX_3.4.30" }));
    }

    [Theory]
    [InlineData("magic")]
    [InlineData("class32")]
    [InlineData("bigendian")]
    [InlineData("truncated")]
    [InlineData("shoff")]
    [InlineData("sectionoffset")]
    [InlineData("strtaboffset")]
    [InlineData("auxoffset")]
    public void RejectsMalformedImagesWithoutTouchingThem(string defect)
    {
        var image = SyntheticElf.Build();
        switch (defect)
        {
            case "magic": image[1] = (byte)'X'; break;
            case "class32": image[4] = 1; break;
            case "bigendian": image[5] = 2; break;
            case "truncated": image = image.Take(SyntheticElf.VerneedOffset + 8).ToArray(); break;
            case "shoff": WriteU64(image, 40, (ulong)image.Length - 10); break;
            case "sectionoffset": WriteU64(image, SyntheticElf.SectionHeader(2) + 24, (ulong)image.Length - 4); break;
            case "strtaboffset": WriteU32(image, SyntheticElf.VerneedOffset + 4, 100_000); break;
            case "auxoffset": WriteU32(image, SyntheticElf.VerneedOffset + 8, 100_000); break;
        }

        var before = (byte[])image.Clone();
        Assert.Throws<ElfFormatException>(() => ElfVersionPatcher.MarkVersionNeedWeak(image, Libstdcxx, Needed));
        Assert.Equal(before, image);
    }

    [Fact]
    public void AVerneedChainCannotLoopOrEscapeItsSection()
    {
        var image = SyntheticElf.Build();
        var second = SyntheticElf.VerneedOffset + 48;

        // The walk stops after sh_info entries even if vn_next says otherwise.
        WriteU32(image, second + 12, 16);
        Assert.Equal(3, ElfVersionPatcher.ReadVersionNeeds(image).Count);

        // vn_next is unsigned: a link "back" to the first entry wraps past the section and is rejected.
        WriteU32(image, SyntheticElf.SectionHeader(2) + 44, uint.MaxValue);
        WriteU32(image, second + 12, unchecked((uint)-48));
        var before = (byte[])image.Clone();
        Assert.Throws<ElfFormatException>(() => ElfVersionPatcher.MarkVersionNeedWeak(image, Libstdcxx, Needed));
        Assert.Equal(before, image);
    }

    [Fact]
    public void PatchFileReplacesTheFileAtomicallyAndKeepsEverythingElse()
    {
        var directory = Directory.CreateTempSubdirectory("elfpatch-");
        try
        {
            var path = Path.Combine(directory.FullName, "libfake.so");
            var original = SyntheticElf.Build();
            File.WriteAllBytes(path, original);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
            }

            Assert.Equal(ElfPatchOutcome.Patched, ElfVersionPatcher.PatchFile(path, Libstdcxx, Needed));
            var patched = File.ReadAllBytes(path);
            Assert.Equal(original.Length, patched.Length);
            Assert.True(ElfVersionPatcher.FindNeed(patched, Libstdcxx, Needed)!.IsWeak);
            Assert.Single(Enumerable.Range(0, patched.Length), i => patched[i] != original[i]);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
            }

            Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfVersionPatcher.PatchFile(path, Libstdcxx, Needed));
            Assert.Equal(patched, File.ReadAllBytes(path));
            Assert.Single(directory.GetFiles()); // no temp file left behind
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void PatchFileLeavesAMalformedFileAlone()
    {
        var directory = Directory.CreateTempSubdirectory("elfpatch-");
        try
        {
            var path = Path.Combine(directory.FullName, "notelf.so");
            var bytes = Encoding.ASCII.GetBytes("#!/bin/sh\necho this is not an ELF file, but it is long enough for a header ......\n");
            File.WriteAllBytes(path, bytes);
            Assert.Throws<ElfFormatException>(() => ElfVersionPatcher.PatchFile(path, Libstdcxx, Needed));
            Assert.Equal(bytes, File.ReadAllBytes(path));
            Assert.Single(directory.GetFiles());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void ReadsTheSystemLibstdcxxVersionDefinitions()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = SystemLibraryProbe.Find(Libstdcxx, ElfVersionPatcher.ReadMachine(SyntheticElf.Build()));
        if (path is null || !RuntimeArchitectureIsX64())
        {
            return;
        }

        var versions = ElfVersionPatcher.ReadVersionDefinitions(ElfVersionPatcher.ReadFile(path));
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("GLIBCXX_3.4.30", versions); // GCC 12 (Debian 12) and newer
    }

    private static bool RuntimeArchitectureIsX64() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;

    private static void WriteU32(byte[] b, int at, uint value)
    {
        for (int i = 0; i < 4; i++)
        {
            b[at + i] = (byte)(value >> (8 * i));
        }
    }

    private static void WriteU64(byte[] b, int at, ulong value)
    {
        for (int i = 0; i < 8; i++)
        {
            b[at + i] = (byte)(value >> (8 * i));
        }
    }

    /// <summary>
    /// A minimal Elf64 LE x86-64 image: .dynstr, .gnu.version_r (libstdc++ needs GLIBCXX_3.4.9 and GLIBCXX_3.4.32;
    /// libc needs GLIBC_2.2.5), .gnu.version_d (libfake.so, GLIBCXX_3.4.30) and .shstrtab.
    /// </summary>
    private static class SyntheticElf
    {
        public const int DynstrOffset = 64;
        public const int VerneedOffset = 256;
        public const int VerdefOffset = 384;
        public const int ShstrtabOffset = 448;
        public const int ShOffset = 512;

        public static int SectionHeader(int index) => ShOffset + (index * 64);

        public static byte[] Build()
        {
            var image = new byte[ShOffset + (5 * 64)];
            var w = new Writer(image);

            // Elf64_Ehdr
            image[0] = 0x7f; image[1] = (byte)'E'; image[2] = (byte)'L'; image[3] = (byte)'F';
            image[4] = 2; image[5] = 1; image[6] = 1;
            w.U16(16, 3); // ET_DYN
            w.U16(18, 62); // EM_X86_64
            w.U32(20, 1);
            w.U64(40, ShOffset);
            w.U16(52, 64);
            w.U16(58, 64);
            w.U16(60, 5);
            w.U16(62, 4);

            // .dynstr
            var dynstr = new StringTable(image, DynstrOffset);
            uint libstdcxx = dynstr.Add(Libstdcxx);
            uint v9 = dynstr.Add("GLIBCXX_3.4.9");
            uint v32 = dynstr.Add(Needed);
            uint libc = dynstr.Add("libc.so.6");
            uint glibc = dynstr.Add("GLIBC_2.2.5");
            uint fake = dynstr.Add("libfake.so");
            uint v30 = dynstr.Add("GLIBCXX_3.4.30");

            // .gnu.version_r: Verneed(libstdc++, 2 aux) Vernaux Vernaux Verneed(libc, 1 aux) Vernaux
            int at = VerneedOffset;
            w.Verneed(at, count: 2, file: libstdcxx, aux: 16, next: 48);
            w.Vernaux(at + 16, name: v9, other: 3, next: 16);
            w.Vernaux(at + 32, name: v32, other: 4, next: 0);
            w.Verneed(at + 48, count: 1, file: libc, aux: 16, next: 0);
            w.Vernaux(at + 64, name: glibc, other: 2, next: 0);

            // .gnu.version_d: Verdef(base, libfake.so) Verdef(GLIBCXX_3.4.30)
            w.Verdef(VerdefOffset, flags: 1, index: 1, aux: 20, next: 28);
            w.U32(VerdefOffset + 20, fake);
            w.Verdef(VerdefOffset + 28, flags: 0, index: 2, aux: 20, next: 0);
            w.U32(VerdefOffset + 48, v30);

            // .shstrtab
            var shstr = new StringTable(image, ShstrtabOffset);
            uint nDynstr = shstr.Add(".dynstr");
            uint nVerneed = shstr.Add(".gnu.version_r");
            uint nVerdef = shstr.Add(".gnu.version_d");
            uint nShstr = shstr.Add(".shstrtab");

            w.Section(SectionHeader(1), nDynstr, 3, DynstrOffset, dynstr.Size, link: 0, info: 0);
            w.Section(SectionHeader(2), nVerneed, ElfVersionPatcher.ShtGnuVerneed, VerneedOffset, 80, link: 1, info: 2);
            w.Section(SectionHeader(3), nVerdef, ElfVersionPatcher.ShtGnuVerdef, VerdefOffset, 56, link: 1, info: 2);
            w.Section(SectionHeader(4), nShstr, 3, ShstrtabOffset, shstr.Size, link: 0, info: 0);
            return image;
        }

        private sealed class StringTable(byte[] image, int offset)
        {
            public int Size { get; private set; } = 1;

            public uint Add(string value)
            {
                uint at = (uint)Size;
                Encoding.ASCII.GetBytes(value).CopyTo(image, offset + Size);
                Size += value.Length + 1;
                return at;
            }
        }

        private sealed class Writer(byte[] image)
        {
            public void U16(int at, ushort value)
            {
                image[at] = (byte)value;
                image[at + 1] = (byte)(value >> 8);
            }

            public void U32(int at, uint value) => WriteU32(image, at, value);

            public void U64(int at, ulong value) => WriteU64(image, at, value);

            public void Verneed(int at, ushort count, uint file, uint aux, uint next)
            {
                U16(at, 1);
                U16(at + 2, count);
                U32(at + 4, file);
                U32(at + 8, aux);
                U32(at + 12, next);
            }

            public void Vernaux(int at, uint name, ushort other, uint next)
            {
                U32(at, 0x0b792650); // vna_hash: not checked by the patcher
                U16(at + 4, 0);
                U16(at + 6, other);
                U32(at + 8, name);
                U32(at + 12, next);
            }

            public void Verdef(int at, ushort flags, ushort index, uint aux, uint next)
            {
                U16(at, 1);
                U16(at + 2, flags);
                U16(at + 4, index);
                U16(at + 6, 1);
                U32(at + 8, 0);
                U32(at + 12, aux);
                U32(at + 16, next);
            }

            public void Section(int at, uint name, uint type, int offset, int size, uint link, uint info)
            {
                U32(at, name);
                U32(at + 4, type);
                U64(at + 24, (ulong)offset);
                U64(at + 32, (ulong)size);
                U32(at + 40, link);
                U32(at + 44, info);
            }
        }
    }
}
