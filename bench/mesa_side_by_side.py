"""Prisoner's dilemma on a 2,000-node network: Mesa against commonweal, per agent-step.

Run from the repository root, after `cargo build --release -p commonweal-evolution --example evo_bench`:
    python bench/mesa_side_by_side.py [--generations 20]

Workload (the same in both): a Watts-Strogatz graph of 2,000 nodes (k = 4, p = 0.1), half the
agents cooperating at random, the Axelrod PD (R, S, T, P) = (3, 0, 5, 1) with every neighbour,
payoffs accumulated, synchronous imitate-the-best (an agent keeps its strategy unless a neighbour
earned strictly more). One agent-step is one agent's play and update in one generation.
The commonweal figure is the last line of the evo_bench example (5,000 generations).
"""
import argparse
import os
import subprocess
import time

import mesa
import networkx as nx

PAYOFF = {(True, True): 3.0, (True, False): 0.0, (False, True): 5.0, (False, False): 1.0}


class PDAgent(mesa.Agent):
    def __init__(self, model, cooperate):
        super().__init__(model)
        self.cooperate = cooperate
        self.next_cooperate = cooperate
        self.payoff = 0.0

    def play(self):
        neighbours = self.model.grid.get_neighbors(self.pos, include_center=False)
        self.payoff = sum(PAYOFF[(self.cooperate, n.cooperate)] for n in neighbours)

    def choose(self):
        best, choice = self.payoff, self.cooperate
        for n in self.model.grid.get_neighbors(self.pos, include_center=False):
            if n.payoff > best:
                best, choice = n.payoff, n.cooperate
        self.next_cooperate = choice

    def advance(self):
        self.cooperate = self.next_cooperate


class PDModel(mesa.Model):
    def __init__(self, n=2000, seed=1):
        super().__init__(seed=seed)
        graph = nx.watts_strogatz_graph(n, 4, 0.1, seed=seed)
        self.grid = mesa.space.NetworkGrid(graph)
        for node in graph.nodes:
            agent = PDAgent(self, self.random.random() < 0.5)
            self.grid.place_agent(agent, node)

    def step(self):
        self.agents.do("play")
        self.agents.do("choose")
        self.agents.do("advance")

    def cooperators(self):
        return sum(a.cooperate for a in self.agents) / len(self.agents)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--generations", type=int, default=20)
    args = parser.parse_args()
    model = PDModel()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.generations):
        model.step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    steps = 2000 * args.generations
    print(f"Mesa {mesa.__version__}: {args.generations} generations, cooperators {model.cooperators():.3f}; "
          f"{wall / steps * 1e6:.2f} us per agent-step wall, {cpu / steps * 1e6:.2f} us cpu")
    exe = os.path.join("target", "release", "examples", "evo_bench")
    if os.path.exists(exe):
        out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
        print("commonweal:", [line for line in out.splitlines() if line.startswith("PD on")][0])


if __name__ == "__main__":
    main()
