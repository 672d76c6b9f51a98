#if canImport(Glibc)
  import Testing

  @testable import SockLinux

  /// The kernel release string decides how wide the time window is.
  @Suite struct KernelVersionTests {
    @Test func aDistributionSuffixIsIgnored() {
      let version = KernelVersion.parse("6.18.44-fc-v1045")
      #expect(version?.major == 6)
      #expect(version?.minor == 18)
    }

    @Test func aReleaseWithoutTwoNumbersIsUnknown() {
      #expect(KernelVersion.parse("custom") == nil)
      #expect(KernelVersion.parse("7") == nil)
    }

    @Test func theRunningKernelIsParsed() {
      #expect(KernelVersion.running != nil)
    }
  }
#endif
