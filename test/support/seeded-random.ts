/** The tests' seeded PRNG is the bench's (one mulberry32 in the project): the same seed gives the same run. */
export { seededRandom } from '../../bench/seeded-random';
