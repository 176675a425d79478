import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Testing, TerraformStack } from 'cdktf';

// The construct tests' apps have no output folder: CDK and cdktf then synthesize into new folders of
// the temporary folder, which nothing removes. The run's own temporary folder (global-setup.ts) is.
describe("the test run's temporary folder", () => {
  const runTmp = os.tmpdir();

  test("is the run's own, which the teardown removes", () => {
    expect(path.basename(runTmp)).toMatch(/^cordon-jest-/);
  });

  test('holds what an app without an output folder synthesizes', () => {
    const app = new App({ analyticsReporting: false });
    new Stack(app, 'S');
    expect(app.synth().directory.startsWith(runTmp + path.sep)).toBe(true);
    const tf = Testing.app();
    new TerraformStack(tf, 's');
    expect(tf.outdir.startsWith(runTmp + path.sep)).toBe(true);
  });
});
