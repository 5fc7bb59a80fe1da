import AssetStore
import Testing

@Suite
struct AssetStateMachineTests {
    /// The legal moves, written out independently of the implementation's switch.
    static let legal: [AssetState: [AssetEvent: AssetState]] = [
        .queued: [.claim: .fetching],
        .fetching: [.complete: .cached, .reschedule: .queued, .fail: .failed, .interrupt: .queued],
        .cached: [.evict: .evicted, .lose: .queued],
        .failed: [.requeue: .queued],
        .evicted: [.requeue: .queued],
    ]

    @Test(arguments: AssetState.allCases, AssetEvent.allCases)
    func everyPairIsEitherTheTabledMoveOrAnIllegalTransitionError(state: AssetState, event: AssetEvent) throws {
        if let expected = Self.legal[state]?[event] {
            #expect(try AssetState.transition(from: state, event: event) == expected)
        } else {
            let error = #expect(throws: StoreError.self) {
                try AssetState.transition(from: state, event: event)
            }
            #expect(error?.code == .illegalTransition)
            #expect(error?.message.contains(state.rawValue) == true)
            #expect(error?.message.contains(event.rawValue) == true)
        }
    }

    @Test
    func theTableHasExactlyNineLegalMoves() {
        var count = 0
        for state in AssetState.allCases {
            for event in AssetEvent.allCases where (try? AssetState.transition(from: state, event: event)) != nil {
                count += 1
            }
        }
        #expect(count == 9)
    }

    @Test
    func everyStateIsReachableFromQueuedAndCanGetBackToQueued() {
        func reachable(from start: AssetState) -> Set<AssetState> {
            var seen: Set<AssetState> = [start]
            var frontier = [start]
            while let state = frontier.popLast() {
                for event in AssetEvent.allCases {
                    if let next = try? AssetState.transition(from: state, event: event), seen.insert(next).inserted {
                        frontier.append(next)
                    }
                }
            }
            return seen
        }
        #expect(reachable(from: .queued) == Set(AssetState.allCases))
        for state in AssetState.allCases {
            #expect(reachable(from: state).contains(.queued), "\(state) is a dead end")
        }
    }

    @Test
    func onlyCompleteLeadsToCached() {
        for state in AssetState.allCases {
            for event in AssetEvent.allCases where event != .complete {
                #expect((try? AssetState.transition(from: state, event: event)) != .cached)
            }
        }
    }
}
