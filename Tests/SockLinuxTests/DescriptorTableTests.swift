import Testing

@testable import SockLinux

/// The script's descriptor numbers are the model's (lowest free first, from 3), whatever
/// numbers the real kernel hands out.
@Suite struct DescriptorTableTests {
  @Test func numbersStartAtThreeAndRiseWhileHeld() {
    var table = DescriptorTable()
    #expect(table.reserve() == 3)
    #expect(table.reserve() == 4)
  }

  @Test func aClosedNumberIsReusedFirst() {
    var table = DescriptorTable()
    let first = table.reserve()
    table.install(first, real: 40)
    let second = table.reserve()
    table.install(second, real: 41)
    #expect(table.close(first) == 40)
    #expect(table.reserve() == first)
  }

  @Test func aFailedCallGivesItsNumberBack() {
    var table = DescriptorTable()
    let number = table.reserve()
    table.release(number)
    #expect(table.reserve() == number)
    #expect(table.realDescriptor(number) == -1)
  }

  @Test func closingANumberThatIsNotOpenClosesNothing() {
    var table = DescriptorTable()
    #expect(table.close(7) == nil)
  }

  @Test func openDescriptorsAreTheRealOnesStillInstalled() {
    var table = DescriptorTable()
    let a = table.reserve()
    table.install(a, real: 50)
    let b = table.reserve()
    table.install(b, real: 51)
    _ = table.close(a)
    #expect(table.openDescriptors == [51])
    #expect(table.realDescriptor(b) == 51)
  }

  /// `dup2 9 as n` in a fresh process: 9 itself, and 3 … 8 stay free, lowest first, as the
  /// model's `expand_files` leaves them.
  @Test func aDup2TargetIsTakenExactlyAndTheNumbersSkippedStayFree() {
    var table = DescriptorTable()
    let taken = table.reserve(exactly: 9)
    #expect(taken)
    table.install(9, real: 60)
    let five = table.reserve(exactly: 5)
    #expect(five)
    table.release(5)
    #expect(table.reserve() == 3)
    #expect(table.reserve() == 4)
    #expect(table.reserve() == 5)
    let again = table.reserve(exactly: 9)
    let held = table.reserve(exactly: 4)
    #expect(!again)
    #expect(!held)
    #expect(table.isOpen(9))
  }
}
