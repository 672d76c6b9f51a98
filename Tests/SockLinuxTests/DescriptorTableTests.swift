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
}
